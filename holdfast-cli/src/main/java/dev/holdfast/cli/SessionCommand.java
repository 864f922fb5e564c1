package dev.holdfast.cli;

import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/** {@code holdfast session …}: open a session, keep it alive (one call renews all attached), close it. */
@Command(
        name = "session",
        mixinStandardHelpOptions = true,
        description = "Open, keep alive and close sessions (locks attached to a session end with it).")
final class SessionCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "open", description = "Open a session; print its id.")
    int open(
            @Option(
                            names = "--ttl",
                            defaultValue = "10s",
                            converter = DurationConverter.class,
                            description = "Ended this long after its last keepalive (default ${DEFAULT-VALUE}).")
                    Duration ttl) {
        JsonNode session = root().client()
                .post(
                        "sessions",
                        LockServerClient.object().put("ttlMs", ttl.toMillis()),
                        LockServerClient.DEFAULT_TIMEOUT);
        root().print(this.spec.commandLine(), session, session.path("session").asString());
        return ExitCode.OK;
    }

    @Command(name = "keepalive", description = "Keep a session alive, and every lock and permit attached to it.")
    int keepalive(@Parameters(paramLabel = "SESSION") String session) {
        JsonNode answer = root().client()
                .post("sessions/" + LockName.encode(session) + "/keepalive", null, LockServerClient.DEFAULT_TIMEOUT);
        root().print(
                        this.spec.commandLine(),
                        answer,
                        "kept " + session + " alive, "
                                + answer.path("remainingMs").asString() + " ms remaining");
        return ExitCode.OK;
    }

    @Command(name = "close", description = "Close a session, releasing everything attached to it.")
    int close(@Parameters(paramLabel = "SESSION") String session) {
        JsonNode answer = root().client().delete("sessions/" + LockName.encode(session));
        root().print(this.spec.commandLine(), answer, "closed " + session);
        return ExitCode.OK;
    }

    private Holdfast root() {
        return Holdfast.root(this.spec);
    }
}
