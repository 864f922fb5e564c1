package dev.holdfast.lock.mailbox;

/** When a frame leaves its mailbox: after it succeeded, or before it runs. */
public enum DeliveryMode {

    /**
     * The frame is removed only after its handler returned, in one atomic step with writing its result; a failure or
     * a crash runs it again (the handler is told it is a redelivery), up to the attempts allowed, then it moves to the
     * dead letters. Nothing behind it runs before it.
     */
    AT_LEAST_ONCE,

    /**
     * The frame is removed before its handler runs: it runs at most once, and a failure or a crash does not hold up
     * the frames behind it.
     */
    AT_MOST_ONCE
}
