package dev.holdfast.lock.reactive;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockException;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Locks for reactive code, over a {@link LockTemplate}: the same store, listeners and watchdog, without blocking a
 * reactor thread.
 *
 * <p>Nothing happens until subscription. A store with an asynchronous client (Redis over Lettuce) is called without
 * occupying a thread; the blocking calls of the others (the database store) run on the bounded {@link Scheduler}
 * given here ({@link Schedulers#boundedElastic()} by default), never on the subscriber's thread. A waiter waits for the
 * store's release notification (or its polling timer) without holding a thread, and at most the request's wait time.
 * {@link #execute} and {@link #executeMany} hold the lock from subscription until the code's publisher completes,
 * fails or is cancelled, then release it; the lease is renewed by the template's watchdog meanwhile. Without an owner
 * in the request each subscription is an owner of its own ({@link LockTemplate#asyncOwner()}): reactive code has no
 * thread to re-enter on, so two subscribers never share a lock by accident. Code under the lock reads its lease with
 * {@link #currentLease()}.
 *
 * <p>Results are published on the thread that heard the store's answer: on Redis that is Lettuce's I/O thread, as
 * with any Lettuce reactive command, so code that blocks must move off it ({@code subscribeOn} or {@code publishOn} a
 * scheduler for blocking work). Thread-safe.
 */
public final class ReactiveLockTemplate {

    private static final Class<Lease> LEASE_KEY = Lease.class;

    private final LockTemplate template;

    private final Scheduler scheduler;

    private final Executor offload;

    private ReactiveLockTemplate(LockTemplate template, Scheduler scheduler) {
        if (template == null || scheduler == null) {
            throw new IllegalArgumentException("Reactive lock template needs a lock template and a scheduler, but was ["
                    + template + ", " + scheduler + "]");
        }
        this.template = template;
        this.scheduler = scheduler;
        this.offload = scheduler::schedule;
    }

    /**
     * Create a reactive template whose blocking store calls run on {@link Schedulers#boundedElastic()}.
     *
     * @param template the template whose store, listeners and watchdog serve
     * @return the reactive template
     */
    public static ReactiveLockTemplate of(LockTemplate template) {
        return new ReactiveLockTemplate(template, Schedulers.boundedElastic());
    }

    /**
     * Create a reactive template whose blocking store calls run on a given scheduler.
     *
     * @param template the template whose store, listeners and watchdog serve
     * @param scheduler a bounded scheduler for blocking store calls (the database store's)
     * @return the reactive template
     */
    public static ReactiveLockTemplate of(LockTemplate template, Scheduler scheduler) {
        return new ReactiveLockTemplate(template, scheduler);
    }

    /**
     * Return the lease held by {@link #execute} or {@link #executeMany} for the code subscribing through it, from the
     * Reactor context.
     *
     * @return the lease, or empty outside such code
     */
    public static Mono<Lease> currentLease() {
        return Mono.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty(LEASE_KEY)));
    }

    /**
     * Return the template this one runs on.
     *
     * @return the blocking template
     */
    public LockTemplate template() {
        return template;
    }

    /**
     * Ask for a lock on subscription, waiting up to the request's wait time; cancelling stops the wait (a grant on its
     * way is given back).
     *
     * @param request what to lock and how
     * @return the result: acquired with the lease, or not acquired with the holder; a store failure errors with
     *     {@link dev.holdfast.lock.LockStoreException}
     */
    public Mono<LockResult> tryAcquire(LockRequest request) {
        return Mono.fromFuture(() -> template.tryAcquireAsync(request, offload), false);
    }

    /**
     * Acquire a lock on subscription, as {@link #tryAcquire}, and give its lease.
     *
     * @param request what to lock and how
     * @return the lease; errors with {@link LockNotAcquiredException} when not acquired
     */
    public Mono<Lease> acquire(LockRequest request) {
        return tryAcquire(request).map((result) -> {
            if (result instanceof LockResult.Acquired acquired) {
                return acquired.lease();
            }
            throw new LockNotAcquiredException((LockResult.NotAcquired) result);
        });
    }

    /**
     * Release a lease without blocking a reactor thread.
     *
     * @param lease the lease
     * @return completes once released; errors with {@link dev.holdfast.lock.LockLostException} when the lease had
     *     been lost
     */
    public Mono<Void> release(Lease lease) {
        return Mono.fromFuture(() -> lease.closeAsync(offload), true);
    }

    /**
     * Release a lease, keeping the lock taken in the store until {@code minHold} has passed since the grant (see
     * {@link Lease#releaseAfter}); the store call runs on this template's scheduler.
     *
     * @param lease the lease
     * @param minHold the shortest hold, zero for a plain {@link #release}
     * @return completes once released or left to expire
     */
    public Mono<Void> release(Lease lease, Duration minHold) {
        LockRequest.validateMinHold(lease.key(), minHold);
        if (minHold.isZero() || !lease.isHeld()) {
            return release(lease);
        }
        return Mono.fromRunnable(() -> lease.releaseAfter(minHold))
                .subscribeOn(scheduler)
                .then();
    }

    /**
     * Return whether an error is Reactor's wrapper of a failed release after completion ("Async resource cleanup
     * failed"), whose cause, a {@link dev.holdfast.lock.LockLostException} or a store failure, is what the caller
     * should see.
     */
    private static boolean releaseFailure(Throwable error) {
        return error.getClass() == RuntimeException.class && error.getCause() instanceof LockException;
    }

    /**
     * Run a {@code Mono} under a lock: acquire on subscription, subscribe to the code's {@code Mono}, and release when
     * it completes, fails or is cancelled.
     *
     * @param request what to lock and how
     * @param action the code, given the lease
     * @param <T> the result type
     * @return the code's result; errors with {@link LockNotAcquiredException} when not acquired (the code does not
     *     run), with the code's error, or with {@link dev.holdfast.lock.LockLostException} when the lease was lost
     *     before the code completed
     */
    public <T> Mono<T> execute(LockRequest request, Function<? super Lease, ? extends Mono<T>> action) {
        return execute(request, Duration.ZERO, action);
    }

    /**
     * Run a {@code Mono} under a lock, as {@link #execute(LockRequest, Function)}, keeping the lock taken at least
     * {@code minHold} after the grant.
     *
     * @param request what to lock and how
     * @param minHold the shortest hold, zero for none
     * @param action the code, given the lease
     * @param <T> the result type
     * @return the code's result
     */
    public <T> Mono<T> execute(
            LockRequest request, Duration minHold, Function<? super Lease, ? extends Mono<T>> action) {
        LockRequest.validateMinHold(request.key(), minHold);
        return Mono.usingWhen(
                        acquire(request),
                        (lease) -> Mono.defer(() -> action.apply(lease))
                                .contextWrite((context) -> context.put(LEASE_KEY, lease)),
                        (lease) -> release(lease, minHold),
                        (lease, error) -> release(lease, minHold),
                        (lease) -> release(lease, minHold))
                .onErrorMap(ReactiveLockTemplate::releaseFailure, Throwable::getCause);
    }

    /**
     * Run a {@code Flux} (or any publisher) under a lock: acquire on subscription, and release when the code's
     * publisher completes, fails or is cancelled.
     *
     * @param request what to lock and how
     * @param action the code, given the lease
     * @param <T> the element type
     * @return the code's elements; errors with {@link LockNotAcquiredException} when not acquired
     */
    public <T> Flux<T> executeMany(LockRequest request, Function<? super Lease, ? extends Publisher<T>> action) {
        return executeMany(request, Duration.ZERO, action);
    }

    /**
     * Run a {@code Flux} under a lock, as {@link #executeMany(LockRequest, Function)}, keeping the lock taken at least
     * {@code minHold} after the grant.
     *
     * @param request what to lock and how
     * @param minHold the shortest hold, zero for none
     * @param action the code, given the lease
     * @param <T> the element type
     * @return the code's elements
     */
    public <T> Flux<T> executeMany(
            LockRequest request, Duration minHold, Function<? super Lease, ? extends Publisher<T>> action) {
        LockRequest.validateMinHold(request.key(), minHold);
        return Flux.usingWhen(
                        acquire(request),
                        (lease) -> Flux.defer(() -> action.apply(lease))
                                .contextWrite((context) -> context.put(LEASE_KEY, lease)),
                        (lease) -> release(lease, minHold),
                        (lease, error) -> release(lease, minHold),
                        (lease) -> release(lease, minHold))
                .onErrorMap(ReactiveLockTemplate::releaseFailure, Throwable::getCause);
    }
}
