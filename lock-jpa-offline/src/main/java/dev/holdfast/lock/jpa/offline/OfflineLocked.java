package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.jpa.offline.web.HolderResolver;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a Spring MVC handler method with a pessimistic offline lock for the current user (from the
 * {@link HolderResolver}): the lock is acquired (or renewed) before the handler runs, and when another holder has it
 * the request is answered with {@code 412 Precondition Failed} and an RFC 9457 problem detail naming the holder and
 * reason.
 *
 * <p>The guard takes a free lock at one hold and only renews the holder's own ({@link OfflineLocks#takeOrRenew}), so
 * the many requests of one edit share one hold, which one {@link OfflineLocks#release release} ends. A request that
 * fails, with an exception or a status of 400 or more, leaves no lock it took: the lock is released if the request
 * took it, and a lock the holder had before the request stays.
 *
 * <pre>{@code
 * @PutMapping("/patients/{id}/prescriptions")
 * @OfflineLocked(type = "Patient", id = "#id", reason = "editing prescriptions")
 * Prescription add(@PathVariable long id, @RequestBody Prescription prescription) { ... }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OfflineLocked {

    /**
     * Return the locked object's type, such as {@code Patient}.
     *
     * @return the type
     */
    String type();

    /**
     * Return a SpEL expression for the locked object's id, over the request's path variables and parameters as
     * variables ({@code #id}) and the request itself as {@code #request}.
     *
     * @return the expression
     */
    String id();

    /**
     * Return why the lock is taken, shown to those refused.
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
         * Release the holder's hold when the handler completes without an exception and with a status below 400,
         * ending the edit (as a save does), whether this request or an earlier one took the lock.
         */
        AFTER_SUCCESS
    }
}
