package dev.holdfast.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A lock's or semaphore's name on the command line, {@code namespace/id}, as the server's paths take it.
 *
 * @param namespace the namespace, before the first {@code /}
 * @param id the id, after it (it may hold more {@code /})
 */
record LockName(String namespace, String id) {

    LockName {
        if (namespace.isBlank() || id.isBlank()) {
            throw new IllegalArgumentException(
                    "Lock name [" + namespace + "/" + id + "] must be namespace/id, both not blank");
        }
    }

    /**
     * Parses {@code namespace/id}.
     *
     * @param text the name as typed
     * @return the name
     * @throws IllegalArgumentException when there is no {@code /} or a part is blank
     */
    static LockName parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("Lock name [" + text + "] must be namespace/id (no '/' found)");
        }
        return new LockName(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The name as a path: both parts percent-encoded, joined by {@code /}. */
    String path() {
        return encode(this.namespace) + "/" + encode(this.id);
    }

    static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return this.namespace + "/" + this.id;
    }
}
