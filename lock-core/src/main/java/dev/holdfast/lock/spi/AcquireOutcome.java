package dev.holdfast.lock.spi;

import dev.holdfast.lock.LockState;
import org.jspecify.annotations.Nullable;

/** What a store answered to an {@link AcquireCommand}. */
public sealed interface AcquireOutcome {

    /**
     * The lock was granted.
     *
     * @param token the fencing token of this grant: strictly greater than any earlier grant's for the key, except on
     *     re-entry, where it is the holder's token
     * @param holds how many holds the owner now has
     * @param displaced the holder replaced by preemption or claim, or {@code null}
     */
    record Granted(long token, int holds, @Nullable LockState displaced) implements AcquireOutcome {}

    /**
     * The lock was refused.
     *
     * @param holder the current holder
     */
    record Refused(LockState holder) implements AcquireOutcome {}
}
