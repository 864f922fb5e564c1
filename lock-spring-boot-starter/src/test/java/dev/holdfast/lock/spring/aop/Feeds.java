package dev.holdfast.lock.spring.aop;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link Locked} methods returning a {@code Mono} or a {@code Flux}, counting how many run under one lock at once. */
public class Feeds {

    private final AtomicInteger invoked = new AtomicInteger();

    private final AtomicInteger holders = new AtomicInteger();

    private final AtomicInteger most = new AtomicInteger();

    /** Return the most calls that ran at once (through the proxy: its own fields are not the bean's). */
    public int most() {
        return this.most.get();
    }

    /** Return how many times a {@code run} method was invoked. */
    public int invoked() {
        return this.invoked.get();
    }

    @Locked(name = "feed", key = "#id", waitTime = "20s")
    public Mono<String> refresh(String id, Duration work) {
        return Mono.fromCallable(() -> enter(id))
                .delayElement(work)
                .doOnNext((value) -> this.holders.decrementAndGet());
    }

    @Locked(name = "feed", key = "#id", waitTime = "20s")
    public Flux<String> pages(String id, int pages) {
        return Mono.fromCallable(() -> enter(id))
                .thenMany(
                        Flux.range(1, pages).delayElements(Duration.ofMillis(2)).map((page) -> id + "-" + page))
                .doOnComplete(this.holders::decrementAndGet);
    }

    @Locked(name = "feed", key = "#id", waitTime = "0s")
    public Mono<String> run(String id, Mono<String> work) {
        this.invoked.incrementAndGet();
        return work;
    }

    @Locked(name = "feed", key = "#id", waitTime = "0s")
    public Flux<String> runMany(String id, Flux<String> work) {
        this.invoked.incrementAndGet();
        return work;
    }

    @Locked(name = "feed", key = "#id", waitTime = "0s", onConflict = OnConflict.SKIP)
    public Mono<String> runIfFree(String id) {
        return Mono.just("ran " + id);
    }

    @Locked(name = "feed", key = "#id", waitTime = "0s", onConflict = OnConflict.SKIP)
    public Flux<String> runManyIfFree(String id) {
        return Flux.just("ran", id);
    }

    private String enter(String id) {
        this.most.accumulateAndGet(this.holders.incrementAndGet(), Math::max);
        return id;
    }
}
