package dev.holdfast.lock.server.api;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.server.api.LockBodies.ReleaseBody;
import dev.holdfast.lock.server.api.LockBodies.RenewBody;
import dev.holdfast.lock.server.api.SemaphoreBodies.AcquireBody;
import dev.holdfast.lock.server.api.SemaphoreBodies.PermitGrant;
import dev.holdfast.lock.server.api.SemaphoreBodies.SemaphoreView;
import dev.holdfast.lock.server.api.SemaphoreBodies.SizeBody;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The semaphore endpoints, {@code /api/v1/semaphores}; an acquire that waits is answered asynchronously. */
@RestController
@RequestMapping("/api/v1/semaphores")
class SemaphoreController {

    private static final int LIST_LIMIT = 1000;

    private final Semaphores semaphores;

    SemaphoreController(Semaphores semaphores) {
        this.semaphores = semaphores;
    }

    @PutMapping("/{ns}/{id}")
    SemaphoreView size(@PathVariable String ns, @PathVariable String id, @RequestBody SizeBody body) {
        return semaphores.size(LockController.key(ns, id), body.permits(), body.fair());
    }

    @DeleteMapping("/{ns}/{id}")
    ResponseEntity<Void> delete(
            @PathVariable String ns, @PathVariable String id, @RequestParam(defaultValue = "false") boolean force) {
        semaphores.delete(LockController.key(ns, id), force);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{ns}/{id}")
    SemaphoreView inspect(@PathVariable String ns, @PathVariable String id) {
        LockKey key = LockController.key(ns, id);
        return semaphores.inspect(key).orElseThrow(() -> Semaphores.notFound(key));
    }

    @GetMapping
    Map<String, List<SemaphoreView>> list(@RequestParam(required = false) @Nullable String namespace) {
        return Map.of("semaphores", semaphores.list(namespace, LIST_LIMIT));
    }

    @PostMapping("/{ns}/{id}/acquire")
    CompletableFuture<PermitGrant> acquire(
            @PathVariable String ns, @PathVariable String id, @RequestBody AcquireBody body, Authentication client) {
        return semaphores.acquire(client.getName(), LockController.key(ns, id), body);
    }

    @PostMapping("/{ns}/{id}/renew")
    CompletableFuture<PermitGrant> renew(
            @PathVariable String ns, @PathVariable String id, @RequestBody RenewBody body, Authentication client) {
        return semaphores.renew(client.getName(), LockController.key(ns, id), body);
    }

    @PostMapping("/{ns}/{id}/release")
    CompletableFuture<ResponseEntity<Void>> release(
            @PathVariable String ns, @PathVariable String id, @RequestBody ReleaseBody body, Authentication client) {
        return semaphores
                .release(client.getName(), LockController.key(ns, id), body)
                .thenApply((done) -> ResponseEntity.noContent().build());
    }
}
