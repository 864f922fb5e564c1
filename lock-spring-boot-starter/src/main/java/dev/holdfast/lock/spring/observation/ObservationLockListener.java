package dev.holdfast.lock.spring.observation;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockListener;
import dev.holdfast.lock.LockResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jspecify.annotations.Nullable;

/**
 * Observes every acquisition a template makes ({@code acquire}, {@code tryAcquire}, {@code execute}, {@code claim},
 * handles, permits, read and write holds) as a {@link LockObservationDocumentation#ACQUIRE} observation: started on
 * {@link LockListener#onAcquiring}, in scope while the store is asked (so a {@code @Locked} call's observation is its
 * parent, and the store's own observations its children), and stopped with the outcome on the event that ends it.
 *
 * <p>Relies on the listener contract that an acquisition's start and end are told on the same thread. Thread-safe.
 */
public class ObservationLockListener implements LockListener {

    private static final LockAcquireObservationConvention DEFAULT_CONVENTION =
            new DefaultLockAcquireObservationConvention();

    private final ObservationRegistry registry;

    private final @Nullable LockAcquireObservationConvention convention;

    private final ThreadLocal<Deque<Running>> running = ThreadLocal.withInitial(ArrayDeque::new);

    /**
     * Create a listener with the default convention.
     *
     * @param registry where observations go
     */
    public ObservationLockListener(ObservationRegistry registry) {
        this(registry, null);
    }

    /**
     * Create a listener.
     *
     * @param registry where observations go
     * @param convention the convention replacing the default, or {@code null}
     */
    public ObservationLockListener(
            ObservationRegistry registry, @Nullable LockAcquireObservationConvention convention) {
        this.registry = registry;
        this.convention = convention;
    }

    @Override
    public void onAcquiring(LockEvent event) {
        LockAcquireContext context = new LockAcquireContext(event);
        Observation observation = LockObservationDocumentation.ACQUIRE
                .observation(this.convention, DEFAULT_CONVENTION, () -> context, this.registry)
                .start();
        this.running.get().push(new Running(observation, observation.openScope(), context));
    }

    @Override
    public void onAcquired(LockEvent event) {
        stop(LockOutcome.ACQUIRED, null);
    }

    @Override
    public void onNotAcquired(LockEvent event) {
        LockResult.Reason reason = event.reason();
        stop((reason != null) ? LockOutcome.of(reason) : LockOutcome.REFUSED, null);
    }

    @Override
    public void onError(LockEvent event) {
        stop(LockOutcome.ERROR, event.error());
    }

    private void stop(LockOutcome outcome, @Nullable Throwable error) {
        Deque<Running> started = this.running.get();
        Running acquisition = started.poll();
        if (started.isEmpty()) {
            this.running.remove();
        }
        if (acquisition == null) {
            return;
        }
        acquisition.context().setOutcome(outcome);
        if (error != null) {
            acquisition.observation().error(error);
        }
        acquisition.scope().close();
        acquisition.observation().stop();
    }

    /** An acquisition being observed on this thread. */
    private record Running(Observation observation, Observation.Scope scope, LockAcquireContext context) {}
}
