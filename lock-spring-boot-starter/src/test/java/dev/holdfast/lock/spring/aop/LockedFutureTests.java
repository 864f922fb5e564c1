package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LockedFutureTests {

    private static final LockKey KEY = new LockKey("export", "42");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class))
            .withBean(Exports.class);

    @Test
    void shouldHoldLockUntilReturnedFutureCompletes() {
        this.runner.run((context) -> {
            Exports exports = context.getBean(Exports.class);
            LockTemplate template = context.getBean(LockTemplate.class);
            CompletableFuture<String> work = new CompletableFuture<>();

            CompletableFuture<String> result = exports.export("42", work);
            assertThat(result).isNotDone();
            assertThat(template.inspect(KEY)).isPresent();
            CompletableFuture<String> other = CompletableFuture.supplyAsync(() ->
                    exports.export("42", CompletableFuture.completedFuture("x")).join());
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> other.get(5, TimeUnit.SECONDS))
                    .havingCause()
                    .isInstanceOf(LockNotAcquiredException.class);

            work.complete("exported");
            assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo("exported");
            assertThat(template.inspect(KEY)).isEmpty();
            assertThat(template.heldCount()).isZero();
        });
    }

    @Test
    void shouldReleaseWhenFutureFailsAndPassTheFailureOn() {
        this.runner.run((context) -> {
            Exports exports = context.getBean(Exports.class);
            CompletableFuture<String> work = new CompletableFuture<>();
            CompletionStage<String> result = exports.exportStage("42", work);

            work.completeExceptionally(new IOException("disk full"));
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> result.toCompletableFuture().get(5, TimeUnit.SECONDS))
                    .havingCause()
                    .isInstanceOf(IOException.class)
                    .withMessage("disk full");
            assertThat(context.getBean(LockTemplate.class).inspect(KEY)).isEmpty();
        });
    }

    @Test
    void shouldSkipWithCompletedEmptyFutureWhileHeld() {
        this.runner.run((context) -> {
            Exports exports = context.getBean(Exports.class);
            CompletableFuture<String> work = new CompletableFuture<>();
            exports.export("42", work);

            CompletableFuture<String> skipped = CompletableFuture.supplyAsync(() -> exports.exportIfFree("42"))
                    .thenCompose((future) -> future);
            assertThat(skipped.get(5, TimeUnit.SECONDS)).isNull();

            work.complete("exported");
            assertThat(exports.exportIfFree("42").get(5, TimeUnit.SECONDS)).isEqualTo("exported 42");
        });
    }
}
