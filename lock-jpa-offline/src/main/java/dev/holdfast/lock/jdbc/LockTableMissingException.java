package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockException;

/**
 * Thrown at startup when a Holdfast lock table does not exist in the application's database, or predates a column
 * Holdfast needs (the schema script adds it).
 */
public class LockTableMissingException extends LockException {

    private final String table;

    private final String platform;

    /**
     * Create the exception.
     *
     * @param table the missing table
     * @param platform the database platform as the schema scripts name it ({@code postgresql}, {@code mysql} or
     *     {@code h2})
     * @param cause the database's answer
     */
    public LockTableMissingException(String table, String platform, Throwable cause) {
        super(
                "Lock table [" + table + "] does not exist in the " + platform
                        + " database, or lacks a column this version of Holdfast needs",
                cause);
        this.table = table;
        this.platform = platform;
    }

    /**
     * Return the missing table's name.
     *
     * @return the table
     */
    public String getTable() {
        return this.table;
    }

    /**
     * Return the database platform as the schema scripts name it.
     *
     * @return {@code postgresql}, {@code mysql} or {@code h2}
     */
    public String getPlatform() {
        return this.platform;
    }

    /**
     * Return the class path location of the schema script that creates the table on this platform.
     *
     * @return the location
     */
    public String getSchemaLocation() {
        return "classpath:dev/holdfast/lock/jpa/schema-" + this.platform + ".sql";
    }
}
