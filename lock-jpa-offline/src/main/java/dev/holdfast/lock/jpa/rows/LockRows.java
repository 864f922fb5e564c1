package dev.holdfast.lock.jpa.rows;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the annotated method through {@link RowLocks#execute(java.util.Collection,
 * org.springframework.transaction.support.TransactionCallback) RowLocks.execute}: in a new outermost transaction that first
 * locks the rows the SpEL expressions name, retried on deadlocks. The advisor wraps {@code @Transactional}, so a
 * {@code @Transactional} on the same method joins the row-locking transaction. The expressions are checked at startup
 * (invalid SpEL, a variable that names no parameter), and, as the advisor works through a Spring proxy, a call the bean
 * makes to its own {@code @LockRows} method runs without the row locks: such calls are logged as a warning at startup.
 *
 * <pre class="code">
 * &#64;LockRows("#from, #to")
 * public void transfer(Account from, Account to, long amount) { ... }
 * </pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LockRows {

    /**
     * SpEL over the method's arguments ({@code #name}, {@code #p0}, {@code #a0}) naming the entities or {@link TableRow}s
     * to lock, comma separated or one per element; results may be collections or arrays, and nulls are dropped.
     *
     * @return the expressions
     */
    String[] value();
}
