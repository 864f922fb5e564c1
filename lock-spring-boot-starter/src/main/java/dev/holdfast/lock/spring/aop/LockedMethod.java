package dev.holdfast.lock.spring.aop;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockKind;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.expression.Expression;

/**
 * A {@link Locked} annotation parsed and checked once for one method.
 *
 * @param method the annotated method, as declared on the target class
 * @param description the method, as {@code Class.method(ParameterTypes)}, for messages
 * @param name the lock's name
 * @param key the key expression, {@code null} for one lock per name
 * @param owner the owner expression, {@code null} for the owner resolver's
 * @param priorityExpression the priority expression, {@code null} when the priority is the constant {@code priority}
 * @param priority the constant priority
 * @param lease the lease, {@code null} for the default
 * @param waitTime the wait, {@code null} for the default
 * @param autoRenew whether the watchdog renews the lease
 * @param onConflict what to do when not acquired
 * @param minHold the minimum hold, zero for none
 * @param permits the size of the semaphore each call takes one permit of, zero for a plain or read/write lock
 * @param mode alone, or as a reader or the writer of a read/write lock
 * @param returns how the method returns
 * @param returnType the declared return type
 */
record LockedMethod(
        Method method,
        String description,
        String name,
        @Nullable Expression key,
        @Nullable Expression owner,
        @Nullable Expression priorityExpression,
        int priority,
        @Nullable Duration lease,
        @Nullable Duration waitTime,
        boolean autoRenew,
        OnConflict onConflict,
        Duration minHold,
        int permits,
        LockMode mode,
        Returns returns,
        Class<?> returnType) {

    /** How a method returns, which decides what a skipped call gives and when the lock is released. */
    enum Returns {
        VOID,
        VALUE,
        PRIMITIVE,
        OPTIONAL,
        FUTURE
    }

    /**
     * Return how one call asks for its grant: a plain lock, one permit of a semaphore created with {@link #permits}
     * if missing, or a read or write hold.
     */
    Supplier<LockResult> acquisition(LockTemplate template, LockRequest request) {
        if (this.permits == 0 && this.mode == LockMode.EXCLUSIVE) {
            return () -> template.tryAcquire(request);
        }
        PermitRequest.Builder builder = PermitRequest.builder()
                .name(request.name())
                .priority(request.priority())
                .lease(request.lease())
                .waitTime(request.waitTime())
                .autoRenew(request.autoRenew());
        if (request.owner() != null) {
            builder.owner(request.owner());
        }
        LockKey key = request.key();
        return switch (this.mode) {
            case READ -> () -> template.readWriteLock(key.namespace(), key.id()).tryAcquireRead(builder.build());
            case WRITE ->
                () -> template.readWriteLock(key.namespace(), key.id()).tryAcquireWrite(builder.build());
            case EXCLUSIVE ->
                () -> template.semaphore(key.namespace(), key.id())
                        .tryAcquire(builder.createIfMissing(this.permits, false).build());
        };
    }

    /** Return the kind of lock one call holds, the {@code lock.kind} of its observation. */
    LockKind kind() {
        return switch (this.mode) {
            case READ -> LockKind.READ;
            case WRITE -> LockKind.WRITE;
            case EXCLUSIVE -> (this.permits == 0) ? LockKind.LOCK : LockKind.SEMAPHORE;
        };
    }

    /** Return what a skipped call gives. */
    @Nullable
    Object skipped() {
        return switch (this.returns) {
            case OPTIONAL -> emptyOptional(this.returnType);
            case FUTURE -> CompletableFuture.completedFuture(null);
            default -> null;
        };
    }

    private static Object emptyOptional(Class<?> type) {
        if (type == OptionalInt.class) {
            return OptionalInt.empty();
        }
        if (type == OptionalLong.class) {
            return OptionalLong.empty();
        }
        if (type == OptionalDouble.class) {
            return OptionalDouble.empty();
        }
        return Optional.empty();
    }
}
