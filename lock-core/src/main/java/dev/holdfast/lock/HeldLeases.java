package dev.holdfast.lock;

import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases a template's callers hold, by key: each granted lease is registered here and with the watchdog, and
 * reports here when it is released, lost or renewed, which forgets it and tells the listeners. A lock freed behind a
 * lease's back (preempted, claimed, force-released) marks the local leases it displaced lost. Thread-safe.
 */
final class HeldLeases {

    private static final Logger logger = LoggerFactory.getLogger(LockTemplate.class);

    private final Map<LockKey, Set<TemplateLease>> held = new ConcurrentHashMap<>();

    private final LeaseRenewer renewer;

    private final Listeners listeners;

    HeldLeases(LeaseRenewer renewer, Listeners listeners) {
        this.renewer = renewer;
        this.listeners = listeners;
    }

    /** Register a lease just granted, and let the watchdog watch it. */
    void add(TemplateLease lease) {
        held.computeIfAbsent(lease.key(), (key) -> ConcurrentHashMap.newKeySet())
                .add(lease);
        renewer.register(lease);
    }

    /** Let the watchdog watch a lease whose lease became finite again. */
    void watch(TemplateLease lease) {
        renewer.register(lease);
    }

    void released(TemplateLease lease) {
        forget(lease);
        listeners.fire(LockListener::onReleased, lease, null, lease.heldFor(), null);
    }

    void lost(TemplateLease lease, String reason) {
        forget(lease);
        logger.warn(
                "Lease of {} [{}] lost by '{}' (token {}, held {} ms): {}",
                lease.kind().value(),
                lease.key(),
                lease.owner(),
                lease.token(),
                lease.heldFor().toMillis(),
                reason);
        listeners.fire(LockListener::onLost, lease, null, lease.heldFor(), new LockLostException(reason));
    }

    void renewed(TemplateLease lease) {
        listeners.fire(LockListener::onRenewed, lease, null, lease.heldFor(), null);
    }

    void renewalFailed(TemplateLease lease, Throwable error) {
        listeners.fire(LockListener::onRenewalFailed, lease, null, lease.heldFor(), error);
    }

    /**
     * Mark lost the local leases of a lock that another owner took or an operator freed.
     *
     * @param key the lock
     * @param displaced the hold that was displaced, or {@code null} for every local lease of the lock
     * @param reason why, for the loss report
     */
    void markLost(LockKey key, @Nullable LockState displaced, String reason) {
        Set<TemplateLease> leases = held.get(key);
        if (leases == null) {
            return;
        }
        for (TemplateLease lease : new ArrayList<>(leases)) {
            if (displaced == null || (lease.owner().equals(displaced.owner()) && lease.token() == displaced.token())) {
                lease.lost(reason);
            }
        }
    }

    int count() {
        return held.values().stream().mapToInt(Set::size).sum();
    }

    private void forget(TemplateLease lease) {
        renewer.unregister(lease);
        held.computeIfPresent(lease.key(), (key, leases) -> {
            leases.remove(lease);
            return leases.isEmpty() ? null : leases;
        });
    }
}
