package dev.holdfast.lock.test;

import dev.holdfast.lock.LockEvent;
import dev.holdfast.lock.LockListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that records what it hears, for assertions. Thread-safe. */
public final class RecordingListener implements LockListener {

    /**
     * One heard event.
     *
     * @param type the listener method that was called
     * @param event the event
     */
    public record Heard(String type, LockEvent event) {}

    private final List<Heard> heard = new CopyOnWriteArrayList<>();

    /**
     * Return everything heard so far, in order.
     *
     * @return the events
     */
    public List<Heard> heard() {
        return List.copyOf(heard);
    }

    /**
     * Return the events of one type.
     *
     * @param type the listener method's name without {@code on}, such as {@code Acquired}
     * @return the events
     */
    public List<LockEvent> of(String type) {
        return heard.stream()
                .filter((h) -> h.type().equals(type))
                .map(Heard::event)
                .toList();
    }

    @Override
    public void onAcquiring(LockEvent event) {
        heard.add(new Heard("Acquiring", event));
    }

    @Override
    public void onAcquired(LockEvent event) {
        heard.add(new Heard("Acquired", event));
    }

    @Override
    public void onNotAcquired(LockEvent event) {
        heard.add(new Heard("NotAcquired", event));
    }

    @Override
    public void onError(LockEvent event) {
        heard.add(new Heard("Error", event));
    }

    @Override
    public void onReleased(LockEvent event) {
        heard.add(new Heard("Released", event));
    }

    @Override
    public void onRenewed(LockEvent event) {
        heard.add(new Heard("Renewed", event));
    }

    @Override
    public void onRenewalFailed(LockEvent event) {
        heard.add(new Heard("RenewalFailed", event));
    }

    @Override
    public void onLost(LockEvent event) {
        heard.add(new Heard("Lost", event));
    }

    @Override
    public void onPreempted(LockEvent event) {
        heard.add(new Heard("Preempted", event));
    }
}
