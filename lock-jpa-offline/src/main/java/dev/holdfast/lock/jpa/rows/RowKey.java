package dev.holdfast.lock.jpa.rows;

import java.util.Comparator;

/** A locked row's identity: entity (or table) name and id; ordered by name, then id, the order locks are taken in. */
record RowKey(String name, Object id) implements Comparable<RowKey> {

    private static final Comparator<RowKey> ORDER =
            Comparator.comparing(RowKey::name).thenComparing(RowKey::id, RowKey::compareIds);

    @Override
    public int compareTo(RowKey other) {
        return ORDER.compare(this, other);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareIds(Object left, Object right) {
        if (left.getClass() == right.getClass() && left instanceof Comparable comparable) {
            return comparable.compareTo(right);
        }
        if (left instanceof Number a && right instanceof Number b) {
            return new java.math.BigDecimal(a.toString()).compareTo(new java.math.BigDecimal(b.toString()));
        }
        return String.valueOf(left).compareTo(String.valueOf(right));
    }

    @Override
    public String toString() {
        return this.name + "#" + this.id;
    }
}
