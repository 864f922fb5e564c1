package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.memory.InMemoryLockStore;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.test.RecordingLockStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LockedAdvisorTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class))
            .withBean(Rooms.class)
            .withBean("roomNumbers", Rooms.RoomNumbers.class)
            .withBean(Inventory.class, Inventory.Warehouse::new);

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void shouldNeverLetTwoThreadsInsideTheSameLock() {
        this.runner.run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            assertThat(AopUtils.isAopProxy(rooms)).isTrue();
            List<Future<?>> calls = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                calls.add(this.threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        rooms.book("101");
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get(30, TimeUnit.SECONDS);
            }
            assertThat(rooms.mostInside()).isEqualTo(1);
            assertThat(rooms.runs()).isEqualTo(800);
            assertThat(context.getBean(LockTemplate.class).heldCount()).isZero();
        });
    }

    @Test
    void shouldThrowNamingTheHolderWhenLockIsTaken() {
        this.runner.run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            Gate gate = Gate.closed();
            Future<String> holder = this.threads.submit(() -> rooms.report(gate));
            gate.awaitEntered();

            assertThatExceptionOfType(LockNotAcquiredException.class)
                    .isThrownBy(() -> rooms.report(Gate.opened()))
                    .withMessageStartingWith("Lock [report:report] not acquired by '")
                    .withMessageContaining("held by '");
            gate.open();
            assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("report done");
            assertThat(rooms.report(Gate.opened())).isEqualTo("report done");
        });
    }

    @Test
    void shouldWaitForTheHolderWhenAskedTo() {
        RecordingLockStore store = new RecordingLockStore(new InMemoryLockStore());
        this.runner.withBean(LockStore.class, () -> store).run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            Gate gate = Gate.closed();
            Future<String> holder = this.threads.submit(() -> rooms.report(gate));
            gate.awaitEntered();
            Future<String> waiter = this.threads.submit(rooms::reportWaiting);
            await("the second caller waiting for the lock")
                    .atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> store.waiters(new LockKey("report", "report")) > 0);
            assertThat(waiter).isNotDone();

            gate.open();
            assertThat(holder.get(5, TimeUnit.SECONDS)).isEqualTo("report done");
            assertThat(waiter.get(5, TimeUnit.SECONDS)).isEqualTo("report done");
        });
    }

    @Test
    void shouldSkipWithNullEmptyOrNothingWhenLockIsTaken() {
        this.runner.run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            Gate gate = Gate.closed();
            Future<String> holder = this.threads.submit(() -> rooms.report(gate));
            gate.awaitEntered();

            assertThat(rooms.reportOrNull()).isNull();
            assertThat(rooms.reportIfFree()).isEmpty();
            assertThat(rooms.pagesIfFree()).isEmpty();
            rooms.reportQuietly();
            assertThat(rooms.runs()).isZero();

            gate.open();
            holder.get(5, TimeUnit.SECONDS);
            assertThat(rooms.reportOrNull()).isEqualTo("report done");
            assertThat(rooms.reportIfFree()).isEqualTo(Optional.of("report done"));
            assertThat(rooms.pagesIfFree()).isEqualTo(OptionalInt.of(3));
            rooms.reportQuietly();
            assertThat(rooms.runs()).isEqualTo(4);
        });
    }

    @Test
    void shouldGiveGuardedCodeItsLeaseAndFencingToken() {
        this.runner.run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            Lease first = rooms.lease("A-7");
            Lease second = rooms.lease("A-7");

            assertThat(first.key()).isEqualTo(new LockKey("fenced", "A-7"));
            assertThat(first.name()).isEqualTo("fenced");
            assertThat(first.owner())
                    .isEqualTo(context.getBean(LockTemplate.class).defaultOwner());
            assertThat(second.token()).isGreaterThan(first.token());
            assertThat(first.isHeld()).isFalse();
            assertThat(LockTemplate.currentLease()).isEmpty();
        });
    }

    @Test
    void shouldEvaluateKeyAndOwnerOverArgumentsRootAndBeans() {
        this.runner.run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            assertThat(rooms.owner("101", "tom")).isEqualTo("tom@desk");
            assertThat(rooms.key("  b12 ")).isEqualTo("numbers:B12-key");
        });
    }

    @Test
    void shouldNameLockAfterClassAndMethodByDefault() {
        this.runner.run((context) ->
                assertThat(context.getBean(Rooms.class).unnamed()).isEqualTo("Rooms.unnamed:Rooms.unnamed"));
    }

    @Test
    void shouldReenterTheSameLockOnTheSameThreadKeepingTheToken() {
        this.runner.run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            assertThat(rooms.outer(rooms, 1)).isPositive();
            assertThat(context.getBean(LockTemplate.class).inspect(new LockKey("nested", "1")))
                    .isEmpty();
        });
    }

    @Test
    void shouldApplyAnnotationDeclaredOnInterfaceMethod() {
        this.runner.run((context) ->
                assertThat(context.getBean(Inventory.class).reserve("sku-9")).isEqualTo("inventory:sku-9"));
    }

    @Test
    void shouldLetHigherPriorityFromExpressionPreemptTheHolder() {
        this.runner.run((context) -> {
            Rooms rooms = context.getBean(Rooms.class);
            Gate gate = Gate.closed();
            Future<String> niceToHave = this.threads.submit(() -> rooms.run("cleanup", 0, gate));
            gate.awaitEntered();

            assertThatExceptionOfType(LockNotAcquiredException.class)
                    .isThrownBy(() -> rooms.run("cleanup", 0, Gate.opened()));
            assertThat(rooms.run("cleanup", 10, Gate.opened())).isEqualTo("cleanup done");

            gate.open();
            assertThatExceptionOfType(ExecutionException.class)
                    .isThrownBy(() -> niceToHave.get(5, TimeUnit.SECONDS))
                    .havingCause()
                    .isInstanceOf(LockLostException.class)
                    .withMessageContaining("Lock [jobs:cleanup]")
                    .withMessageContaining("preempted");
        });
    }
}
