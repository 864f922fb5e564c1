package dev.holdfast.lock.redis;

import java.time.Duration;

/**
 * The replication a grant or renewal waits for before it counts: {@code WAIT replicas timeout} after the script, on
 * its connection. Zero replicas (the default) waits for none.
 *
 * @param replicas how many replicas must acknowledge, 0 for none
 * @param timeout how long {@code WAIT} may block, in whole milliseconds
 */
record ReplicaAcks(int replicas, Duration timeout) {

    /** The longest {@code WAIT} allowed: a grant that takes longer to replicate is worth little. */
    static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

    /** Wait for no replica. */
    static final ReplicaAcks NONE = new ReplicaAcks(0, Duration.ofSeconds(1));

    ReplicaAcks {
        if (replicas < 0) {
            throw new IllegalArgumentException("Replicas to acknowledge must be 0 or more, but was " + replicas);
        }
        if (timeout == null
                || timeout.toMillis() < 1
                || timeout.compareTo(MAX_TIMEOUT) > 0
                || !timeout.equals(Duration.ofMillis(timeout.toMillis()))) {
            throw new IllegalArgumentException(
                    "Replica acknowledgement timeout must be whole milliseconds from PT0.001S" + " to " + MAX_TIMEOUT
                            + ", but was " + timeout);
        }
    }

    /** Return whether grants wait for replicas. */
    boolean required() {
        return replicas > 0;
    }
}
