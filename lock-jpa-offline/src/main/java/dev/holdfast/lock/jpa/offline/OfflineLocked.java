package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.jpa.offline.web.OfflineLockOwnerResolver;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a Spring MVC handler method with a pessimistic offline lock for the current user (the owner, from the
 * {@link OfflineLockOwnerResolver}): the lock is acquired (or renewed) before the handler runs, and when another owner
 * holds it the request is answered with {@code 412 Precondition Failed} and an RFC 9457 problem detail naming that
 * owner and their reason. An id that is not a valid lock id (such as one too long) is answered with
 * {@code 400 Bad Request}.
 *
 * <p>The guard takes a free lock at one hold and only renews the owner's own ({@link OfflineLocks#takeOrRenew}), so
 * the many requests of one edit share one hold, which one {@link OfflineLocks#release release} ends. A request that
 * fails, with an exception or a status of 400 or more, leaves no lock it took: the lock is released if the request
 * took it, and a lock the owner had before the request stays.
 *
 * <pre>{@code
 * @PutMapping("/patients/{id}/prescriptions")
 * @OfflineLocked(namespace = "Patient", id = "#id", reason = "editing prescriptions")
 * Prescription add(@PathVariable long id, @RequestBody Prescription prescription) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OfflineLocked {

    /**
     * Return the namespace of the lock's key: the locked object's type, such as {@code Patient} (ASCII letters and
     * digits, {@code . _ -}, as for every {@link dev.holdfast.lock.LockKey}); checked at startup.
     *
     * @return the namespace
     */
    String namespace();

    /**
     * Return a SpEL expression for the id of the lock's key (the locked object's id), over the request's path
     * variables and parameters as variables ({@code #id}) and the request itself as {@code #request}.
     *
     * @return the expression
     */
    String id();

    /**
     * Return why the lock is taken, shown to those not granted it.
     *
     * @return the reason
     */
    String reason() default "";

    /**
     * Return when the lock is released.
     *
     * @return the release policy
     */
    Release release() default Release.KEEP;

    /** When a lock taken by a guarded handler is released. */
    enum Release {

        /**
         * Keep the lock for the editing session when the request succeeds: it expires when idle, or is released by the
         * application.
         */
        KEEP,

        /**
         * Release the owner's hold when the handler completes without an exception and with a status below 400,
         * ending the edit (as a save does), whether this request or an earlier one took the lock.
         */
        AFTER_SUCCESS
    }
}
