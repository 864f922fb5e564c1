package dev.holdfast.cli;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code holdfast lock …}: acquire, renew, release, inspect and list locks, and force-release one (admin). */
@Command(name = "lock", mixinStandardHelpOptions = true, description = "Acquire, renew, release, show and list locks.")
final class LockCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "acquire", description = "Acquire a lock; print its grant (token, lease, deadline).")
    int acquire(
            @Parameters(paramLabel = "NS/ID", description = "The lock, namespace/id.") String lock,
            @Option(names = "--owner", description = "Owner (default env HOLDFAST_OWNER, else user@host).") @Nullable
                    String owner,
            @Option(
                            names = "--lease",
                            defaultValue = "30s",
                            converter = DurationConverter.class,
                            description = "Lease (default ${DEFAULT-VALUE}).")
                    Duration lease,
            @Option(
                            names = "--wait",
                            defaultValue = "0s",
                            converter = DurationConverter.class,
                            description = "How long to wait for the lock (default ${DEFAULT-VALUE}).")
                    Duration wait,
            @Option(names = "--priority", defaultValue = "0", description = "Priority among waiters.") int priority,
            @Option(names = "--mode", defaultValue = "exclusive", description = "exclusive, read or write.")
                    String mode,
            @Option(names = "--session", description = "Attach to this session (its TTL is the lease).") @Nullable
                    String session,
            @Option(names = "--request-id", description = "Idempotency key: a retry with it gets the same grant.")
                    @Nullable
                    String requestId,
            @Option(
                            names = "--lock-delay",
                            defaultValue = "0s",
                            converter = DurationConverter.class,
                            description = "Unavailable this long after a holder is lost without release.")
                    Duration lockDelay) {
        LockName name = LockName.parse(lock);
        ObjectNode body = LockServerClient.object()
                .put("owner", (owner != null) ? owner : Holdfast.defaultOwner())
                .put("leaseMs", lease.toMillis())
                .put("waitMs", wait.toMillis())
                .put("priority", priority)
                .put("mode", mode)
                .put("lockDelayMs", lockDelay.toMillis());
        if (session != null) {
            body.put("session", session);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        JsonNode grant = root().client()
                .post("locks/" + name.path() + "/acquire", body, wait.plus(LockServerClient.DEFAULT_TIMEOUT));
        root().print(this.spec.commandLine(), grant, describeGrant(grant));
        return ExitCode.OK;
    }

    @Command(name = "renew", description = "Renew a lock held by owner and token.")
    int renew(
            @Parameters(paramLabel = "NS/ID") String lock,
            @Option(names = "--owner") @Nullable String owner,
            @Option(names = "--token", required = true, description = "The fencing token of the grant.") long token,
            @Option(names = "--lease", defaultValue = "30s", converter = DurationConverter.class) Duration lease) {
        LockName name = LockName.parse(lock);
        ObjectNode body = LockServerClient.object()
                .put("owner", (owner != null) ? owner : Holdfast.defaultOwner())
                .put("token", token)
                .put("leaseMs", lease.toMillis());
        JsonNode grant =
                root().client().post("locks/" + name.path() + "/renew", body, LockServerClient.DEFAULT_TIMEOUT);
        root().print(this.spec.commandLine(), grant, describeGrant(grant));
        return ExitCode.OK;
    }

    @Command(name = "release", description = "Release a lock held by owner and token.")
    int release(
            @Parameters(paramLabel = "NS/ID") String lock,
            @Option(names = "--owner") @Nullable String owner,
            @Option(names = "--token", required = true) long token) {
        LockName name = LockName.parse(lock);
        ObjectNode body = LockServerClient.object()
                .put("owner", (owner != null) ? owner : Holdfast.defaultOwner())
                .put("token", token);
        JsonNode answer =
                root().client().post("locks/" + name.path() + "/release", body, LockServerClient.DEFAULT_TIMEOUT);
        root().print(this.spec.commandLine(), answer, "released " + name);
        return ExitCode.OK;
    }

    @Command(name = "show", description = "Show a lock's holder and waiters.")
    int show(@Parameters(paramLabel = "NS/ID") String lock) {
        LockName name = LockName.parse(lock);
        JsonNode state = root().client().get("locks/" + name.path());
        root().print(this.spec.commandLine(), state, describeState(state));
        return ExitCode.OK;
    }

    @Command(name = "list", description = "List the held locks, of one namespace or all.")
    int list(@Option(names = "--namespace", description = "Only this namespace.") @Nullable String namespace) {
        JsonNode answer = root().client().get("locks" + ((namespace != null) ? "?namespace=" + namespace : ""));
        StringBuilder text = new StringBuilder();
        for (JsonNode lock : answer.path("locks")) {
            text.append((text.length() > 0) ? "\n" : "").append(describeState(lock));
        }
        root().print(this.spec.commandLine(), answer, (text.length() > 0) ? text.toString() : "no locks held");
        return ExitCode.OK;
    }

    @Command(name = "force-release", description = "Release a lock whoever holds it (role ADMIN).")
    int forceRelease(@Parameters(paramLabel = "NS/ID") String lock) {
        LockName name = LockName.parse(lock);
        JsonNode answer = root().client().delete("locks/" + name.path());
        root().print(this.spec.commandLine(), answer, "force-released " + name);
        return ExitCode.OK;
    }

    static String describeGrant(JsonNode grant) {
        return "granted " + grant.path("lock").asString() + " to "
                + grant.path("owner").asString() + " token "
                + grant.path("token").asString() + " lease "
                + grant.path("leaseMs").asString() + " ms, "
                + grant.path("remainingMs").asString() + " ms remaining";
    }

    private static String describeState(JsonNode state) {
        JsonNode holder = state.path("holder");
        if (holder.isMissingNode() || holder.isNull()) {
            return state.path("lock").asString() + " free";
        }
        return state.path("lock").asString() + " held by "
                + holder.path("owner").asString() + " token "
                + holder.path("token").asString() + ", "
                + holder.path("remainingMs").asString() + " ms remaining, "
                + state.path("waiters").asInt() + " waiting";
    }

    private Holdfast root() {
        return Holdfast.root(this.spec);
    }
}
