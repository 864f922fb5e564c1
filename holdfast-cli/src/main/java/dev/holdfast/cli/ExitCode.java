package dev.holdfast.cli;

/**
 * The exit codes of {@code holdfast}; {@code holdfast run} exits with its command's own code when the command ran to
 * its end with the lock held.
 */
public final class ExitCode {

    /** Done: granted, renewed, released, listed. */
    public static final int OK = 0;

    /** Refused by the server with a conflict (409): not acquired within the wait, not held, lost. */
    public static final int REFUSED = 1;

    /** Bad command line or input the server refused as invalid (400). */
    public static final int USAGE = 2;

    /** {@code run}: the lock was lost while the command ran; the command's process group was terminated. */
    public static final int LOST = 3;

    /** Not found (404): no such lock, semaphore or session (or the session expired). */
    public static final int NOT_FOUND = 4;

    /** Authentication failed or the role does not allow the call (401, 403). */
    public static final int FORBIDDEN = 5;

    /** The server was unreachable, timed out, or answered with a server error (5xx). */
    public static final int UNAVAILABLE = 6;

    private ExitCode() {}

    /**
     * The exit code for an HTTP error status.
     *
     * @param status the HTTP status, 400 or above
     * @return the exit code that stands for it
     */
    static int forStatus(int status) {
        return switch (status) {
            case 409, 412, 423 -> REFUSED;
            case 404, 410 -> NOT_FOUND;
            case 401, 403 -> FORBIDDEN;
            case 400, 405, 415, 422 -> USAGE;
            default -> (status >= 500) ? UNAVAILABLE : REFUSED;
        };
    }
}
