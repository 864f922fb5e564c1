package dev.holdfast.lock.jpa.offline;

import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * What an offline lock protects: a business object named by its type (such as {@code Patient}) and its id as text.
 * Any characters are allowed; they are bound as SQL parameters, never spliced into SQL.
 *
 * @param type the object's type, 1 to 100 characters, not blank
 * @param id the object's id, at most 255 characters
 */
public record LockTarget(String type, String id) implements Comparable<LockTarget> {

    /** Longest type the lock table stores. */
    public static final int MAX_TYPE_LENGTH = 100;

    /** Longest id the lock table stores. */
    public static final int MAX_ID_LENGTH = 255;

    private static final Comparator<LockTarget> ORDER =
            Comparator.comparing(LockTarget::type).thenComparing(LockTarget::id);

    /**
     * Create a target, validating it.
     *
     * @throws InvalidLockTargetException when the type is blank or too long, or the id is null or too long
     */
    public LockTarget {
        if (type == null || type.isBlank()) {
            throw new InvalidLockTargetException("Lock target type must not be blank, got [" + type + "]");
        }
        if (type.length() > MAX_TYPE_LENGTH) {
            throw new InvalidLockTargetException(
                    "Lock target type [" + type + "] is longer than " + MAX_TYPE_LENGTH + " characters");
        }
        if (id == null) {
            throw new InvalidLockTargetException(
                    "Lock target [" + type + "] has a null id: save the " + type + " before locking it");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new InvalidLockTargetException(
                    "Lock target [" + type + "] id [" + id + "] is longer than " + MAX_ID_LENGTH + " characters");
        }
    }

    /**
     * Create a target from any id, using its {@code toString()}.
     *
     * @param type the object's type
     * @param id the object's id
     * @return the target
     * @throws InvalidLockTargetException when the id is {@code null} (the message names the type) or invalid
     */
    public static LockTarget of(String type, @Nullable Object id) {
        return new LockTarget(type, (id != null) ? id.toString() : null);
    }

    @Override
    public int compareTo(LockTarget other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return this.type + ":" + this.id;
    }
}
