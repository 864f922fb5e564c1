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

/** {@code holdfast semaphore …}: create, resize and delete semaphores (admin), acquire and release their permits. */
@Command(
        name = "semaphore",
        mixinStandardHelpOptions = true,
        description = "Create, resize, delete and list semaphores; acquire, renew and release permits.")
final class SemaphoreCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "create", description = "Create a semaphore with a number of permits (role ADMIN).")
    int create(
            @Parameters(paramLabel = "NS/ID") String semaphore,
            @Option(names = "--permits", required = true, description = "Permits in all.") int permits) {
        return put(semaphore, permits);
    }

    @Command(name = "resize", description = "Change a semaphore's number of permits (role ADMIN).")
    int resize(
            @Parameters(paramLabel = "NS/ID") String semaphore,
            @Option(names = "--permits", required = true, description = "Permits in all.") int permits) {
        return put(semaphore, permits);
    }

    private int put(String semaphore, int permits) {
        LockName name = LockName.parse(semaphore);
        if (permits < 1) {
            throw new IllegalArgumentException("Semaphore [" + name + "] --permits must be at least 1, was " + permits);
        }
        JsonNode answer = root().client()
                .put("semaphores/" + name.path(), LockServerClient.object().put("permits", permits));
        root().print(this.spec.commandLine(), answer, describe(answer));
        return ExitCode.OK;
    }

    @Command(name = "delete", description = "Delete a semaphore (role ADMIN).")
    int delete(@Parameters(paramLabel = "NS/ID") String semaphore) {
        LockName name = LockName.parse(semaphore);
        JsonNode answer = root().client().delete("semaphores/" + name.path());
        root().print(this.spec.commandLine(), answer, "deleted " + name);
        return ExitCode.OK;
    }

    @Command(name = "acquire", description = "Acquire permits; print the grant (token, lease, deadline).")
    int acquire(
            @Parameters(paramLabel = "NS/ID") String semaphore,
            @Option(names = "--owner") @Nullable String owner,
            @Option(names = "--permits", defaultValue = "1") int permits,
            @Option(names = "--lease", defaultValue = "30s", converter = DurationConverter.class) Duration lease,
            @Option(names = "--wait", defaultValue = "0s", converter = DurationConverter.class) Duration wait,
            @Option(names = "--session") @Nullable String session,
            @Option(names = "--request-id") @Nullable String requestId) {
        LockName name = LockName.parse(semaphore);
        ObjectNode body = LockServerClient.object()
                .put("owner", (owner != null) ? owner : Holdfast.defaultOwner())
                .put("permits", permits)
                .put("leaseMs", lease.toMillis())
                .put("waitMs", wait.toMillis());
        if (session != null) {
            body.put("session", session);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        JsonNode grant = root().client()
                .post("semaphores/" + name.path() + "/acquire", body, wait.plus(LockServerClient.DEFAULT_TIMEOUT));
        root().print(
                        this.spec.commandLine(),
                        grant,
                        "granted " + grant.path("permits").asString() + " of "
                                + grant.path("semaphore").asString() + " to "
                                + grant.path("owner").asString() + " token "
                                + grant.path("token").asString() + " lease "
                                + grant.path("leaseMs").asString() + " ms");
        return ExitCode.OK;
    }

    @Command(name = "renew", description = "Renew permits held by owner and token.")
    int renew(
            @Parameters(paramLabel = "NS/ID") String semaphore,
            @Option(names = "--owner") @Nullable String owner,
            @Option(names = "--token", required = true) long token,
            @Option(names = "--lease", defaultValue = "30s", converter = DurationConverter.class) Duration lease) {
        LockName name = LockName.parse(semaphore);
        ObjectNode body = LockServerClient.object()
                .put("owner", (owner != null) ? owner : Holdfast.defaultOwner())
                .put("token", token)
                .put("leaseMs", lease.toMillis());
        JsonNode grant =
                root().client().post("semaphores/" + name.path() + "/renew", body, LockServerClient.DEFAULT_TIMEOUT);
        root().print(this.spec.commandLine(), grant, "renewed " + name + " token " + token);
        return ExitCode.OK;
    }

    @Command(name = "release", description = "Release permits held by owner and token.")
    int release(
            @Parameters(paramLabel = "NS/ID") String semaphore,
            @Option(names = "--owner") @Nullable String owner,
            @Option(names = "--token", required = true) long token) {
        LockName name = LockName.parse(semaphore);
        ObjectNode body = LockServerClient.object()
                .put("owner", (owner != null) ? owner : Holdfast.defaultOwner())
                .put("token", token);
        JsonNode answer =
                root().client().post("semaphores/" + name.path() + "/release", body, LockServerClient.DEFAULT_TIMEOUT);
        root().print(this.spec.commandLine(), answer, "released " + name + " token " + token);
        return ExitCode.OK;
    }

    @Command(name = "list", description = "List semaphores, of one namespace or all.")
    int list(@Option(names = "--namespace") @Nullable String namespace) {
        JsonNode answer = root().client().get("semaphores" + ((namespace != null) ? "?namespace=" + namespace : ""));
        StringBuilder text = new StringBuilder();
        for (JsonNode semaphore : answer.path("semaphores")) {
            text.append((text.length() > 0) ? "\n" : "").append(describe(semaphore));
        }
        root().print(this.spec.commandLine(), answer, (text.length() > 0) ? text.toString() : "no semaphores");
        return ExitCode.OK;
    }

    private static String describe(JsonNode semaphore) {
        return semaphore.path("semaphore").asString() + " "
                + semaphore.path("inUse").asInt() + " of "
                + semaphore.path("permits").asInt() + " permits in use";
    }

    private Holdfast root() {
        return Holdfast.root(this.spec);
    }
}
