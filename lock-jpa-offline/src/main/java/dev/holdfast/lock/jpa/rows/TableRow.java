package dev.holdfast.lock.jpa.rows;

import java.util.regex.Pattern;

/**
 * A database row named by table, id column and id, for locking without JPA; it may be mixed with entities in one unit.
 *
 * @param table the table name, optionally schema-qualified; letters, digits, {@code _} and {@code $} only
 * @param idColumn the primary-key column, same characters
 * @param id the primary-key value
 */
public record TableRow(String table, String idColumn, Object id) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*(\\.[A-Za-z_][A-Za-z0-9_$]*)?");

    /**
     * Validate the names, which end up in SQL.
     *
     * @throws IllegalArgumentException when a name is not a plain SQL identifier or the id is null
     */
    public TableRow {
        checkIdentifier("table", table);
        checkIdentifier("id column", idColumn);
        if (id == null) {
            throw new IllegalArgumentException("Row lock of table [" + table + "] needs an id, but was [null]");
        }
    }

    /**
     * A row whose primary-key column is {@code id}.
     *
     * @param table the table name
     * @param id the primary-key value
     * @return the row
     */
    public static TableRow of(String table, Object id) {
        return new TableRow(table, "id", id);
    }

    private static void checkIdentifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Row lock " + what + " [" + name + "] is not a plain SQL identifier ([A-Za-z_][A-Za-z0-9_$]*)");
        }
    }
}
