package dev.holdfast.cli;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** The server answered an error: its status and, when it sent one, its RFC 9457 problem detail. */
final class ServerProblem extends RuntimeException {

    private final int status;

    private final @Nullable JsonNode problem;

    private final String body;

    ServerProblem(String call, int status, @Nullable JsonNode problem, String body) {
        super(call + " answered " + status + describe(problem, body));
        this.status = status;
        this.problem = problem;
        this.body = body;
    }

    private static String describe(@Nullable JsonNode problem, String body) {
        if (problem != null && problem.hasNonNull("detail")) {
            return ": " + problem.get("detail").asString();
        }
        if (problem != null && problem.hasNonNull("title")) {
            return ": " + problem.get("title").asString();
        }
        return body.isBlank() ? "" : ": " + body.strip();
    }

    /** The HTTP status. */
    int status() {
        return this.status;
    }

    /** The problem's type slug (the last segment of its {@code type}), or an empty string when there is none. */
    String slug() {
        if (this.problem == null || !this.problem.hasNonNull("type")) {
            return "";
        }
        String type = this.problem.get("type").asString();
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /** The response body as the server sent it. */
    String body() {
        return this.body;
    }

    /** The exit code that stands for this answer. */
    int exitCode() {
        return ExitCode.forStatus(this.status);
    }
}
