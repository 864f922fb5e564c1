package dev.holdfast.lock.spring.aop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockNotAcquiredException;
import dev.holdfast.lock.LockResult;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.SemaphoreState;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * {@code @Locked(permits = 3)} and {@code @Locked(mode = READ / WRITE)} across two application contexts that stand in
 * for two instances of one application sharing a store; each test uses a queue or document of its own.
 */
abstract class LockedPermitsAndModes {

    final Archive.Occupancy occupancy = new Archive.Occupancy();

    private final ExecutorService threads = Executors.newFixedThreadPool(8);

    private final String id = UUID.randomUUID().toString().substring(0, 8);

    /**
     * Return a runner for one instance, with auto-configuration and the store; the test adds its archive.
     *
     * @return the runner
     */
    abstract ApplicationContextRunner runner();

    @AfterEach
    void stopThreads() {
        this.threads.shutdownNow();
    }

    @Test
    void shouldNeverLetMoreThanThePermitsRunAtOnceAcrossInstances() throws Exception {
        instances((a, b) -> {
            List<Future<?>> calls = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                Archive archive = archive((thread % 2 == 0) ? a : b);
                calls.add(this.threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        archive.export(this.id);
                    }
                }));
            }
            awaitAll(calls);
            assertThat(this.occupancy.mostExporting()).isBetween(1, 3);
            assertThat(template(a).heldCount()).isZero();
            assertThat(template(b).heldCount()).isZero();
        });
    }

    @Test
    void shouldAdmitThreeCallersAndRefuseTheFourthUntilOneLeaves() throws Exception {
        instances((a, b) -> {
            List<Gate> gates = List.of(Gate.closed(), Gate.closed(), Gate.closed());
            List<Future<Long>> holders = new ArrayList<>();
            for (Gate gate : gates) {
                holders.add(this.threads.submit(() -> archive(a).exportHeld(this.id, 0, gate)));
                gate.awaitEntered();
            }
            assertThat(template(b).semaphore("exports", this.id).inspect())
                    .get()
                    .satisfies((state) -> {
                        assertThat(state.size())
                                .as("size created by the first call")
                                .isEqualTo(3);
                        assertThat(state.used()).isEqualTo(3);
                    });
            assertThatExceptionOfType(LockNotAcquiredException.class)
                    .isThrownBy(() -> archive(b).exportHeld(this.id, 0, Gate.opened()))
                    .withMessageStartingWith("Lock [exports:" + this.id + "] not acquired by '")
                    .satisfies((ex) -> assertThat(ex.result().reason()).isEqualTo(LockResult.Reason.HELD));
            assertThat(archive(b).exportIfFree(this.id)).isEmpty();
            gates.get(1).open();
            long released = holders.get(1).get(10, TimeUnit.SECONDS);
            assertThat(archive(b).exportIfFree(this.id))
                    .get()
                    .satisfies((token) -> assertThat(token).isGreaterThan(released));
            gates.forEach(Gate::open);
            for (Future<Long> holder : holders) {
                holder.get(10, TimeUnit.SECONDS);
            }
            assertThat(template(a).semaphore("exports", this.id).inspect())
                    .get()
                    .extracting(SemaphoreState::used)
                    .isEqualTo(0);
        });
    }

    @Test
    void shouldKeepTheSizeOfASemaphoreThatExists() throws Exception {
        instances((a, b) -> {
            assertThat(template(a).semaphore("exports", this.id).create(1)).isTrue();
            Gate gate = Gate.closed();
            Future<Long> holder = this.threads.submit(() -> archive(a).exportHeld(this.id, 0, gate));
            gate.awaitEntered();
            assertThat(archive(b).exportIfFree(this.id))
                    .as("second export on a semaphore of one")
                    .isEmpty();
            gate.open();
            holder.get(10, TimeUnit.SECONDS);
            assertThat(template(b).semaphore("exports", this.id).inspect())
                    .get()
                    .extracting(SemaphoreState::size)
                    .isEqualTo(1);
        });
    }

    @Test
    void shouldLetAHigherPriorityCallDisplaceTheLowestWhenFull() throws Exception {
        instances((a, b) -> {
            List<Gate> gates = List.of(Gate.closed(), Gate.closed(), Gate.closed());
            List<Future<Long>> holders = new ArrayList<>();
            for (Gate gate : gates) {
                holders.add(this.threads.submit(() -> archive(a).exportHeld(this.id, 0, gate)));
                gate.awaitEntered();
            }
            assertThat(archive(b).exportHeld(this.id, 10, Gate.opened())).isPositive();
            gates.forEach(Gate::open);
            int lost = 0;
            for (Future<Long> holder : holders) {
                try {
                    holder.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException ex) {
                    assertThat(ex.getCause()).isInstanceOf(LockLostException.class);
                    lost++;
                }
            }
            assertThat(lost).as("callers whose permit the priority call took").isEqualTo(1);
        });
    }

    @Test
    void shouldNeverLetAReaderInWithAWriterNorTwoWritersAcrossInstances() throws Exception {
        instances((a, b) -> {
            List<Future<?>> calls = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                Archive archive = archive((thread % 2 == 0) ? a : b);
                calls.add(this.threads.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        if (ThreadLocalRandom.current().nextInt(4) == 0) {
                            archive.write(this.id);
                        } else {
                            archive.read(this.id);
                        }
                    }
                }));
            }
            awaitAll(calls);
            assertThat(this.occupancy.overlaps()).isZero();
            assertThat(this.occupancy.reads() + this.occupancy.writes()).isEqualTo(200);
            assertThat(template(a).readWriteLock("document", this.id).inspect()).isEmpty();
        });
    }

    @Test
    void shouldKeepReadersOutWhileTheWriterWritesAndLetThemShareAfterwards() throws Exception {
        instances((a, b) -> {
            Gate writing = Gate.closed();
            Future<String> writer = this.threads.submit(() -> archive(a).writeHeld(this.id, writing));
            writing.awaitEntered();
            assertThatExceptionOfType(LockNotAcquiredException.class)
                    .isThrownBy(() -> archive(b).readHeld(this.id, Gate.opened()))
                    .withMessageStartingWith("Lock [document:" + this.id + "] not acquired");
            writing.open();
            assertThat(writer.get(10, TimeUnit.SECONDS)).isEqualTo("wrote " + this.id);

            Gate first = Gate.closed();
            Gate second = Gate.closed();
            Future<String> reader = this.threads.submit(() -> archive(a).readHeld(this.id, first));
            first.awaitEntered();
            Future<String> otherReader = this.threads.submit(() -> archive(b).readHeld(this.id, second));
            second.awaitEntered();
            assertThat(template(a).readWriteLock("document", this.id).inspect())
                    .get()
                    .satisfies((state) -> assertThat(state.holders()).hasSize(2));
            // The refused writer keeps a place in the writers' queue for a while (writer preference): it goes last.
            assertThatExceptionOfType(LockNotAcquiredException.class)
                    .isThrownBy(() -> archive(b).writeHeld(this.id, Gate.opened()))
                    .withMessageStartingWith("Lock [document:" + this.id + "] not acquired");
            first.open();
            second.open();
            assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo("read " + this.id);
            assertThat(otherReader.get(10, TimeUnit.SECONDS)).isEqualTo("read " + this.id);
        });
    }

    private void instances(Instances test) {
        ApplicationContextRunner runner = runner().withBean(Archive.class, () -> new Archive(this.occupancy));
        runner.withPropertyValues("holdfast.instance-id=node-a")
                .run((a) -> runner.withPropertyValues("holdfast.instance-id=node-b")
                        .run((b) -> {
                            assertThat(a).hasNotFailed();
                            assertThat(b).hasNotFailed();
                            test.run(a, b);
                        }));
    }

    private static Archive archive(ApplicationContext context) {
        return context.getBean(Archive.class);
    }

    private static LockTemplate template(ApplicationContext context) {
        return context.getBean(LockTemplate.class);
    }

    private static void awaitAll(List<Future<?>> calls) throws Exception {
        for (Future<?> call : calls) {
            call.get(60, TimeUnit.SECONDS);
        }
    }

    /** A test run on two instances. */
    @FunctionalInterface
    interface Instances {

        void run(ApplicationContext a, ApplicationContext b) throws Exception;
    }
}
