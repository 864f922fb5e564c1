package dev.holdfast.lock.jpa.offline.web;

/**
 * Thrown by the {@link OfflineLockInterceptor} when a request names an offline lock that cannot be: its id or its owner
 * is not valid (the {@link IllegalArgumentException} it wraps says which, and the value). A client error, answered by
 * {@link OfflineLockProblemHandler} with 400; an {@link IllegalArgumentException} anywhere else stays what it is.
 */
final class OfflineLockBadRequestException extends IllegalArgumentException {

    OfflineLockBadRequestException(IllegalArgumentException cause) {
        super(cause.getMessage(), cause);
    }
}
