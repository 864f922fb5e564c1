package dev.holdfast.lock.spring.aop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** {@link Locked} methods that return futures the tests complete. */
public class Exports {

    @Locked(name = "export", key = "#id")
    public CompletableFuture<String> export(String id, CompletableFuture<String> result) {
        return result;
    }

    @Locked(name = "export", key = "#id")
    public CompletionStage<String> exportStage(String id, CompletableFuture<String> result) {
        return result;
    }

    @Locked(name = "export", key = "#id", onConflict = OnConflict.SKIP)
    public CompletableFuture<String> exportIfFree(String id) {
        return CompletableFuture.completedFuture("exported " + id);
    }
}
