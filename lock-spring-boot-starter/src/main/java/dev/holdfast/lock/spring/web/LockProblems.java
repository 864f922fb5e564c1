package dev.holdfast.lock.spring.web;

import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockState;
import java.time.Duration;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * Writes the problem details of lock exceptions. Owners appear only when the application allows it: an owner is often
 * a user name, and the exceptions' own messages name both the holder and the caller, so they are never copied into a
 * detail that hides owners.
 */
final class LockProblems {

    private LockProblems() {}

    /**
     * Describe a lock that was not acquired: its key, its namespace and, when allowed, its holder.
     *
     * @param refusal what the store said
     * @param exposeOwner whether to name the holder
     * @return a 409 problem detail
     */
    static ProblemDetail notAcquired(LockResult.NotAcquired refusal, boolean exposeOwner) {
        LockState holder = refusal.holder();
        boolean named = exposeOwner && holder != null;
        String by = named ? "'" + holder.owner() + "'" : "another owner";
        String head = switch (refusal.reason()) {
            case HELD -> "Lock [" + refusal.key() + "] is held by " + by;
            case TIMED_OUT ->
                "Lock [" + refusal.key() + "] was not acquired within " + refusal.waitTime() + ": held by " + by;
            case MISSING -> "Lock [" + refusal.key() + "] does not exist";
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, head + until(holder) + ".");
        problem.setType(LockProblemHandler.NOT_ACQUIRED_TYPE);
        problem.setTitle("Lock not acquired");
        problem.setProperty("lock", refusal.key().toString());
        problem.setProperty("name", refusal.key().namespace());
        if (named) {
            problem.setProperty("owner", holder.owner());
        }
        return problem;
    }

    /**
     * Describe a lock lost while the request held it.
     *
     * @param ex the loss
     * @param exposeOwner whether the exception's message, which names the owner, may be shown
     * @return a 500 problem detail
     */
    static ProblemDetail lost(LockLostException ex, boolean exposeOwner) {
        String detail = exposeOwner
                ? ex.getMessage()
                : "The lock this request held was lost before its work was done (its lease ran out, or another "
                        + "owner preempted, claimed or force-released it): the work may have overlapped another "
                        + "holder's.";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, detail);
        problem.setType(LockProblemHandler.LOST_TYPE);
        problem.setTitle("Lock lost");
        return problem;
    }

    /**
     * Return the seconds until the holder's lease ends, rounded up: unknown without a holder, none for a lock that
     * never expires.
     *
     * @param holder the holder at the last attempt, if known
     * @return the seconds to wait, or empty
     */
    static OptionalLong retryAfterSeconds(@Nullable LockState holder) {
        if (holder == null || holder.neverExpires()) {
            return OptionalLong.empty();
        }
        Duration remaining = holder.remaining();
        if (remaining.isNegative()) {
            return OptionalLong.of(0);
        }
        return OptionalLong.of(remaining.getSeconds() + ((remaining.getNano() > 0) ? 1 : 0));
    }

    private static String until(@Nullable LockState holder) {
        if (holder == null) {
            return "";
        }
        if (holder.neverExpires()) {
            return " until released";
        }
        return "; its lease ends in " + retryAfterSeconds(holder).orElseThrow() + " s";
    }
}
