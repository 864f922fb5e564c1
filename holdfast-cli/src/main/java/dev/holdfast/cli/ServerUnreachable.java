package dev.holdfast.cli;

/** The server could not be reached, or did not answer in time. */
final class ServerUnreachable extends RuntimeException {

    ServerUnreachable(String message, Throwable cause) {
        super(message, cause);
    }
}
