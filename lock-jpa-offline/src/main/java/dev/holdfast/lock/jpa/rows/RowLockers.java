package dev.holdfast.lock.jpa.rows;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Identifies and locks rows, sending entities to JPA and {@link TableRow}s to JDBC. */
final class RowLockers {

    private final @Nullable JpaRowLocker jpa;

    private final @Nullable JdbcRowLocker jdbc;

    RowLockers(@Nullable JpaRowLocker jpa, @Nullable JdbcRowLocker jdbc) {
        this.jpa = jpa;
        this.jdbc = jdbc;
    }

    /**
     * Identify the row of an entity or a {@link TableRow}, checking that this configuration can lock it.
     *
     * @throws IllegalArgumentException when it cannot, naming the object
     */
    RowKey keyOf(Object entity) {
        if (entity == null) {
            throw new IllegalArgumentException("Cannot lock the row of [null]: pass a JPA entity or a TableRow");
        }
        if (entity instanceof TableRow row) {
            if (this.jdbc == null) {
                throw new IllegalArgumentException("Cannot lock row [" + JdbcRowLocker.keyOf(row)
                        + "]: no JdbcTemplate or DataSource is configured, so only JPA entities can be locked");
            }
            return JdbcRowLocker.keyOf(row);
        }
        if (this.jpa == null) {
            throw new IllegalArgumentException(
                    "Cannot lock the row of [" + entity.getClass().getName()
                            + "]: no EntityManagerFactory is configured, so only TableRow targets can be locked");
        }
        return this.jpa.keyOf(entity);
    }

    /** Lock the targets in order, recording each locked row; a missing row fails unless rows may be skipped. */
    void lockAll(List<RowTargets.Target> targets, HeldRows held, LockWait wait) {
        @Nullable String previous = null;
        boolean started = false;
        for (RowTargets.Target target : targets) {
            boolean locked;
            if (target.source() instanceof TableRow row) {
                JdbcRowLocker jdbc = Objects.requireNonNull(this.jdbc, "checked by keyOf");
                if (!started) {
                    previous = jdbc.start(wait);
                    started = true;
                }
                locked = jdbc.lock(row, wait);
            } else {
                locked = Objects.requireNonNull(this.jpa).lock(target.source(), target.key(), wait);
            }
            if (locked) {
                held.add(target.key());
            } else if (wait.mode() != LockWait.Mode.SKIP_LOCKED) {
                throw new LockNotHeldException("Row lock [" + target.key() + "] not taken: no such row");
            }
        }
        if (started) {
            Objects.requireNonNull(this.jdbc).finish(previous);
        }
    }
}
