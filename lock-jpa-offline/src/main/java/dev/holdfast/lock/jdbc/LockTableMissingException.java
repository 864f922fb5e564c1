package dev.holdfast.lock.jdbc;

import dev.holdfast.lock.LockException;

/**
 * Thrown at startup when a Holdfast lock table does not exist in the application's database, or predates a column
 * Holdfast needs (the schema script adds it).
 */
public class LockTableMissingException extends LockException {

    private final String table;

    private final DatabasePlatform platform;

    /**
     * Create the exception.
     *
     * @param table the missing table
     * @param platform the database platform, which names the schema script to run
     * @param cause the database's answer
     */
    public LockTableMissingException(String table, DatabasePlatform platform, Throwable cause) {
        super(
                "Lock table [" + table + "] does not exist in the " + platform.id()
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
     * Return the database platform.
     *
     * @return the platform
     */
    public DatabasePlatform getPlatform() {
        return this.platform;
    }

    /**
     * Return the class path location of the schema script that creates the table on this platform.
     *
     * @return the location
     */
    public String getSchemaLocation() {
        return "classpath:dev/holdfast/lock/jpa/schema-" + this.platform.id() + ".sql";
    }
}
