package dev.holdfast.lock;

import org.jspecify.annotations.Nullable;

/**
 * The name of a lock: a namespace (the kind of thing locked, such as {@code room}) and an id within it (such as
 * {@code 101}).
 *
 * <p>The namespace is a short identifier; the id may hold any characters (quotes, colons, braces, unicode): stores
 * encode it safely. Both are bounded in length so that a key always fits a store's limits.
 *
 * <p>Every kind of lock is named by a {@code LockKey}: store locks, handles, and offline locks (whose namespace is the
 * entity name, such as {@code Patient}).
 *
 * @param namespace the kind of thing locked: ASCII letters and digits, {@code . _ -}, at most
 *     {@value #MAX_NAMESPACE_LENGTH} characters
 * @param id the thing locked: any non-blank, well-formed Unicode text (no lone surrogates) without control
 *     characters, at most {@value #MAX_ID_LENGTH} characters; ids are compared exactly, so {@code "a"} and
 *     {@code "a "} are two locks on every store
 */
public record LockKey(String namespace, String id) {

    /** Longest namespace accepted, for every kind of lock. */
    public static final int MAX_NAMESPACE_LENGTH = 64;

    /** Longest id accepted, in UTF-16 code units ({@link String#length()}), for every kind of lock. */
    public static final int MAX_ID_LENGTH = 255;

    public LockKey {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("Lock namespace must not be blank, but was [" + namespace + "]");
        }
        if (namespace.length() > MAX_NAMESPACE_LENGTH) {
            throw new IllegalArgumentException(
                    "Lock namespace [" + namespace + "] is longer than " + MAX_NAMESPACE_LENGTH + " characters");
        }
        for (int i = 0; i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '_' && c != '-') {
                throw new IllegalArgumentException("Lock namespace [" + namespace + "] may hold only letters, digits, "
                        + "'.', '_' and '-', but has '" + c + "'");
            }
        }
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException(
                    "Lock id in namespace [" + namespace + "] must not be blank, but was [" + id + "]");
        }
        if (id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("Lock id [" + id.substring(0, 32) + "…] in namespace [" + namespace
                    + "] is longer than " + MAX_ID_LENGTH + " characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    "Lock id [" + escaped(id) + "] in namespace [" + namespace + "] must not hold control characters");
        }
        int bad = malformedAt(id);
        if (bad >= 0) {
            throw new IllegalArgumentException("Lock id [" + escaped(id) + "] in namespace [" + namespace
                    + "] is not well-formed Unicode: lone surrogate at index " + bad);
        }
    }

    /**
     * Return the index of the first lone surrogate in a text: such a text has no UTF-8 form, and a store would
     * replace it, so that two different ids became one lock.
     *
     * @param text the text
     * @return the index, or -1 when the text is well-formed
     */
    static int malformedAt(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Return a text fit for a message: lone surrogates and control characters as a backslash-u escape. */
    static String escaped(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 64) + 8);
        for (int i = 0; i < text.length() && i < 64; i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c)
                    ? i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    : Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            if (Character.isISOControl(c) || (Character.isSurrogate(c) && !paired)) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        return (text.length() > 64) ? out.append("…").toString() : out.toString();
    }

    /**
     * Create a key from a namespace and any object whose {@code toString()} is its id.
     *
     * @param namespace the namespace
     * @param id the id
     * @return the key
     * @throws IllegalArgumentException when the namespace or the id is not valid, or the id is {@code null} (such as
     *     the id of an entity not saved yet); the message names the namespace and the value
     */
    public static LockKey of(String namespace, @Nullable Object id) {
        if (id == null) {
            throw new IllegalArgumentException("Lock id in namespace [" + namespace + "] must not be null");
        }
        return new LockKey(namespace, id.toString());
    }

    /**
     * Return {@code namespace:id}, the form used in messages.
     */
    @Override
    public String toString() {
        return namespace + ":" + id;
    }
}
