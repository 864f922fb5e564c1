package dev.holdfast.lock.jdbc.internal;

import dev.holdfast.lock.LockException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Named SQL statements loaded once from class path resources, the one format of Holdfast's SQL: each statement follows
 * a {@code -- name: x} line; other comment lines and blank lines are dropped. Instances are immutable and thread-safe.
 * Internal: see the package documentation.
 */
public final class SqlStatements {

    private static final String NAME_PREFIX = "-- name:";

    private final String resource;

    private final Map<String, String> statements;

    private SqlStatements(String resource, Map<String, String> statements) {
        this.resource = resource;
        this.statements = Map.copyOf(statements);
    }

    /**
     * Load the statements of a class path resource.
     *
     * @param resource the resource path, without a leading slash
     * @return the statements
     * @throws LockException when the resource is missing or unreadable
     */
    public static SqlStatements load(String resource) {
        String text = read(resource);
        if (text == null) {
            throw new LockException("SQL resource [" + resource + "] not found on the class path");
        }
        return new SqlStatements(resource, parse(text));
    }

    /**
     * Return these statements with those of another resource, when it exists, in place of the ones of the same name:
     * a database's own forms over portable defaults.
     *
     * @param resource the resource path, without a leading slash
     * @return the statements, or these when the resource does not exist
     * @throws LockException when the resource is unreadable
     */
    public SqlStatements overriddenBy(String resource) {
        String text = read(resource);
        if (text == null) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(this.statements);
        merged.putAll(parse(text));
        return new SqlStatements(this.resource + " and " + resource, merged);
    }

    private static @Nullable String read(String resource) {
        try (InputStream in = SqlStatements.class.getClassLoader().getResourceAsStream(resource)) {
            return (in != null) ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : null;
        } catch (IOException ex) {
            throw new LockException("SQL resource [" + resource + "] could not be read", ex);
        }
    }

    private static Map<String, String> parse(String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : text.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith(NAME_PREFIX)) {
                put(statements, name, sql);
                name = trimmed.substring(NAME_PREFIX.length()).strip();
                sql.setLength(0);
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("--") && name != null) {
                sql.append((sql.length() > 0) ? "\n" : "").append(line.stripTrailing());
            }
        }
        put(statements, name, sql);
        return statements;
    }

    private static void put(Map<String, String> statements, @Nullable String name, StringBuilder sql) {
        if (name != null) {
            statements.put(name, sql.toString());
        }
    }

    /**
     * Return one statement.
     *
     * @param name the statement's name
     * @return its SQL
     * @throws LockException when the resources have no such statement
     */
    public String get(String name) {
        String sql = find(name);
        if (sql == null) {
            throw new LockException("SQL resource [" + this.resource + "] has no statement named [" + name + "]");
        }
        return sql;
    }

    /**
     * Return one statement that not every database needs.
     *
     * @param name the statement's name
     * @return its SQL, or {@code null} when the resources have none of that name
     */
    public @Nullable String find(String name) {
        return this.statements.get(name);
    }
}
