package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.server.api.LockBodies.AcquireBody;
import dev.holdfast.lock.server.api.LockBodies.Grant;
import dev.holdfast.lock.server.api.LockBodies.LockView;
import dev.holdfast.lock.server.api.LockBodies.ReleaseBody;
import dev.holdfast.lock.server.api.LockBodies.RenewBody;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The lock endpoints, {@code /api/v1/locks}. An acquire that waits returns a {@link CompletableFuture}: Spring MVC
 * answers it asynchronously, so a waiting request holds no Servlet thread.
 */
@RestController
@RequestMapping("/api/v1/locks")
class LockController {

    private static final int LIST_LIMIT = 1000;

    private final Locks locks;

    LockController(Locks locks) {
        this.locks = locks;
    }

    @PostMapping("/{ns}/{id}/acquire")
    CompletableFuture<Grant> acquire(
            @PathVariable String ns, @PathVariable String id, @RequestBody AcquireBody body, Authentication client) {
        return locks.acquire(client.getName(), key(ns, id), body);
    }

    @PostMapping("/{ns}/{id}/renew")
    CompletableFuture<Grant> renew(
            @PathVariable String ns, @PathVariable String id, @RequestBody RenewBody body, Authentication client) {
        return locks.renew(client.getName(), key(ns, id), body);
    }

    @PostMapping("/{ns}/{id}/release")
    CompletableFuture<ResponseEntity<Void>> release(
            @PathVariable String ns, @PathVariable String id, @RequestBody ReleaseBody body, Authentication client) {
        return locks.release(client.getName(), key(ns, id), body)
                .thenApply((done) -> ResponseEntity.noContent().build());
    }

    @GetMapping("/{ns}/{id}")
    LockView inspect(@PathVariable String ns, @PathVariable String id) {
        LockKey key = key(ns, id);
        return locks.inspect(key).orElseThrow(() -> notFound(key));
    }

    @GetMapping
    Map<String, List<LockView>> list(@RequestParam(required = false) @Nullable String namespace) {
        return Map.of("locks", locks.list(namespace, LIST_LIMIT));
    }

    @DeleteMapping("/{ns}/{id}")
    ResponseEntity<Void> forceRelease(@PathVariable String ns, @PathVariable String id) {
        LockKey key = key(ns, id);
        if (!locks.forceRelease(key)) {
            throw notFound(key);
        }
        return ResponseEntity.noContent().build();
    }

    static LockKey key(String ns, String id) {
        try {
            return LockKey.of(ns, id);
        } catch (IllegalArgumentException ex) {
            throw ServerProblem.badRequest(ex.getMessage());
        }
    }

    private static ServerProblem notFound(LockKey key) {
        String lock = key.namespace() + "/" + key.id();
        return new ServerProblem(
                HttpStatus.NOT_FOUND,
                "lock-not-found",
                "Lock not found",
                "Lock [" + lock + "] is not held",
                Map.of("lock", lock));
    }
}
