package dev.holdfast.lock.jpa.offline;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockRequest;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A row of the pessimistic offline lock table, mapped for reading with JPA (admin screens, reports).
 *
 * <p>Holdfast itself writes the table with single SQL statements on the database clock (see
 * {@code dev.holdfast.lock.jpa.offline.OfflineLocks}); change rows through that API, not through this entity. The
 * properties speak the API's words: {@code lockNamespace} and {@code lockId} (the columns {@code object_type} and
 * {@code object_id}) make the lock's key, {@code owner} (the column {@code holder}) holds it. A row with a {@code null}
 * owner is free: rows are kept after release so that the fencing token of a key only ever grows.
 */
@Entity(name = "HoldfastOfflineLock")
@Table(
        name = "holdfast_offline_lock",
        uniqueConstraints =
                @UniqueConstraint(
                        name = "uk_holdfast_offline_lock_target",
                        columnNames = {"object_type", "object_id"}))
public class OfflineLockEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private @Nullable Long id;

    @Column(name = "object_type", nullable = false, length = 100)
    private String lockNamespace = "";

    @Column(name = "object_id", nullable = false, length = LockKey.MAX_ID_LENGTH)
    private String lockId = "";

    @Column(name = "holder", length = LockRequest.MAX_OWNER_LENGTH)
    private @Nullable String owner;

    @Column(name = "reason", length = OfflineLockRequest.MAX_REASON_LENGTH)
    private @Nullable String reason;

    @Column(name = "token", nullable = false)
    private long token;

    @Column(name = "holds", nullable = false)
    private int holds;

    @Column(name = "expires_at")
    private @Nullable Instant expiresAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt = Instant.EPOCH;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt = Instant.EPOCH;

    /** For JPA. */
    protected OfflineLockEntry() {}

    /**
     * Return the surrogate key.
     *
     * @return the key, {@code null} before the row is stored
     */
    public @Nullable Long getId() {
        return this.id;
    }

    /**
     * Return the namespace of the lock's key: the locked object's type, such as {@code Patient}.
     *
     * @return the namespace
     */
    public String getLockNamespace() {
        return this.lockNamespace;
    }

    /**
     * Return the id of the lock's key: the locked object's id as text.
     *
     * @return the id
     */
    public String getLockId() {
        return this.lockId;
    }

    /**
     * Return who holds the lock.
     *
     * @return the owner, or {@code null} when the row is free
     */
    public @Nullable String getOwner() {
        return this.owner;
    }

    /**
     * Return why the owner took the lock.
     *
     * @return the reason, or {@code null}
     */
    public @Nullable String getReason() {
        return this.reason;
    }

    /**
     * Return the fencing token of the latest grant.
     *
     * @return the token, 0 before the first grant
     */
    public long getToken() {
        return this.token;
    }

    /**
     * Return how many holds the owner has: the lock is free once the last is released.
     *
     * @return the count while held (1 for a lock granted before holds were counted); meaningless when free
     */
    public int getHolds() {
        return this.holds;
    }

    /**
     * Return when the lock expires unless renewed, by the database clock.
     *
     * @return the expiry, or {@code null} when free or never-expiring
     */
    public @Nullable Instant getExpiresAt() {
        return this.expiresAt;
    }

    /**
     * Return when the current owner acquired the lock.
     *
     * @return the time of the latest grant
     */
    public Instant getCreatedAt() {
        return this.createdAt;
    }

    /**
     * Return when the lock was last acquired, renewed or released.
     *
     * @return the time of the latest change
     */
    public Instant getUpdatedAt() {
        return this.updatedAt;
    }

    /**
     * Return whether someone holds the row, ignoring expiry (which only the database clock decides).
     *
     * @return whether an owner is recorded
     */
    public boolean isHeld() {
        return this.owner != null;
    }
}
