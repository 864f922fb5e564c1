package dev.holdfast.lock.test.services;

/**
 * Where a test Redis listens.
 *
 * @param host the host name or address
 * @param port the TCP port
 */
public record RedisService(String host, int port) {

    /**
     * Return the service as a {@code redis://} URL.
     *
     * @return the URL
     */
    public String url() {
        return "redis://" + host + ":" + port;
    }
}
