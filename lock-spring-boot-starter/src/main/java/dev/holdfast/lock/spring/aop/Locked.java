package dev.holdfast.lock.spring.aop;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring bean method while holding a distributed lock: acquire before the call, release after it (for a method
 * returning {@link java.util.concurrent.CompletionStage}, when the returned stage completes).
 *
 * <p>The lock wraps {@code @Transactional}: it is acquired before the transaction begins and released after it
 * commits. Inside the method, {@link dev.holdfast.lock.LockTemplate#currentLease()} gives the lease and its fencing
 * token (on the calling thread only: not in the stages a future-returning method starts). A lease lost while the
 * method ran (expired, preempted, force-released) makes the call throw {@link dev.holdfast.lock.LockLostException}
 * after it returns, or adds it as suppressed to the method's own exception. Misuse (unparsable SpEL, a variable that
 * names no parameter, {@link OnConflict#SKIP} on a primitive return type, a negative duration, a reactive return type,
 * permits beside a read/write mode, one name used with different permits or modes) fails at startup with a message
 * naming the method, the attribute and the fix.
 *
 * <p>With {@link #permits()} the lock is a semaphore and each call holds one of its permits; with {@link #mode()}
 * {@link LockMode#READ} or {@link LockMode#WRITE} it is a read/write lock and each call a reader or the writer.
 *
 * <p>Parameter names ({@code #room}) need classes compiled with {@code -parameters}, which
 * {@code spring-boot-starter-parent} turns on and an imported BOM does not; {@code #p0} names the first argument
 * either way. The lock is taken by a Spring proxy, so a call the bean makes to its own {@code @Locked} method runs
 * without it: call it through the bean, or use {@link dev.holdfast.lock.LockOperations#execute}. Such calls are
 * logged as a warning at startup.
 *
 * <pre>{@code
 * @Locked(key = "#room.id", waitTime = "5s")
 * public Booking book(Room room, String guest) { ... }
 *
 * @Scheduled(cron = "0 * * * * *")
 * @Locked(onConflict = OnConflict.SKIP, minHold = "30s")
 * public void nightlyReport() { ... }
 *
 * @Locked(name = "exports", permits = 3, waitTime = "2s")   // three exports at once, across instances
 * public Export export(String format) { ... }
 *
 * @Locked(name = "document", key = "#id", mode = LockMode.READ)
 * public Document read(long id) { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Locked {

    /**
     * Static, low-cardinality name of the lock: the namespace of its key and the tag of its metrics. Letters, digits,
     * {@code . _ -}; by default the declaring class's simple name and the method's, such as {@code Jobs.report}.
     *
     * @return the name
     */
    String name() default "";

    /**
     * SpEL expression for the lock's id within {@link #name()}, over the arguments ({@code #room}, {@code #p0}),
     * {@code #root.method}, {@code #root.args}, {@code #root.target} and beans ({@code @bean}); by default one lock
     * per name.
     *
     * @return the key expression
     */
    String key() default "";

    /**
     * SpEL expression for the owner, as {@link #key()}; by default the {@link LockOwnerResolver}'s owner, which is
     * unique per application instance and thread.
     *
     * @return the owner expression
     */
    String owner() default "";

    /**
     * Priority: an integer or a SpEL expression giving one; a higher priority preempts a holder with a lower one.
     *
     * @return the priority
     */
    String priority() default "0";

    /**
     * Lease: how long a grant lasts unless renewed, such as {@code 30s} or {@code PT30S}; placeholders are resolved;
     * empty for {@code holdfast.default-lease}.
     *
     * @return the lease
     */
    String lease() default "";

    /**
     * How long to wait for another holder to let go, such as {@code 5s}; empty for {@code holdfast.default-wait}.
     *
     * @return the wait
     */
    String waitTime() default "";

    /**
     * How many callers may run at once under {@link #name()} and {@link #key()}: zero (the default) for a plain lock,
     * one caller at a time; from one up, a semaphore ({@link dev.holdfast.lock.LeasedSemaphore}) of that many permits,
     * each call holding one permit as a lease of its own (renewed by the watchdog, given back when the call ends, or
     * when the lease runs out after a crash). The first call that finds the semaphore missing creates it, with this
     * size and unfair; a semaphore that exists (created beforehand, fair, with
     * {@link dev.holdfast.lock.LeasedSemaphore#create(int, boolean)}, or resized since) keeps its size and fairness.
     * Refused at startup when negative, with {@link LockMode#READ} or {@link LockMode#WRITE}, or when another
     * {@code @Locked} method uses the same name with other permits or as a plain or read/write lock.
     *
     * @return the semaphore's size, or zero for a plain lock
     */
    int permits() default 0;

    /**
     * How the call holds the lock: alone ({@link LockMode#EXCLUSIVE}, the default), or as a reader
     * ({@link LockMode#READ}) or the writer ({@link LockMode#WRITE}) of a read/write lock
     * ({@link dev.holdfast.lock.LeasedReadWriteLock}) named by {@link #name()} and {@link #key()}. Methods of one name
     * all read and write the same read/write locks; refused at startup beside {@link #permits()}, or when another
     * method uses the name as a plain lock or semaphore.
     *
     * @return the mode
     */
    LockMode mode() default LockMode.EXCLUSIVE;

    /**
     * Whether the watchdog renews the lease while the method runs.
     *
     * @return whether to renew
     */
    boolean autoRenew() default true;

    /**
     * What to do when the lock is not acquired within the wait.
     *
     * @return the policy
     */
    OnConflict onConflict() default OnConflict.THROW;

    /**
     * Shortest time the lock stays taken after it was granted, such as {@code 30s}, even when the method returns
     * sooner: a scheduled job that runs on several instances then runs once per tick although the instances' clocks
     * differ a little. Empty for none.
     *
     * @return the minimum hold
     */
    String minHold() default "";
}
