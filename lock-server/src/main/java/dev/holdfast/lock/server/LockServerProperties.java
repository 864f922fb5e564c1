package dev.holdfast.lock.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Configuration of the lock server: its clients, their roles and namespaces, and its limits. */
@ConfigurationProperties("holdfast.server")
public class LockServerProperties {

    /** Clients that authenticate with HTTP Basic, by user name. */
    private final Map<String, User> users = new LinkedHashMap<>();

    /** Clients that authenticate with the X-Api-Key header, by key. */
    private final Map<String, ApiKey> apiKeys = new LinkedHashMap<>();

    /** Threads that run blocking store calls for requests (a waiting request holds none). */
    private int offloadThreads = 16;

    /** Longest wait a request may ask for. */
    private Duration maxWait = Duration.ofMinutes(5);

    /** How long a grant is remembered under its request id for idempotent retries, at least. */
    private Duration requestIdRetention = Duration.ofMinutes(1);

    /** How often the server looks for sessions whose keepalives stopped. */
    private Duration sessionSweepPeriod = Duration.ofMillis(100);

    public Map<String, User> getUsers() {
        return users;
    }

    public Map<String, ApiKey> getApiKeys() {
        return apiKeys;
    }

    public int getOffloadThreads() {
        return offloadThreads;
    }

    public void setOffloadThreads(int offloadThreads) {
        this.offloadThreads = offloadThreads;
    }

    public Duration getMaxWait() {
        return maxWait;
    }

    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    public Duration getRequestIdRetention() {
        return requestIdRetention;
    }

    public void setRequestIdRetention(Duration requestIdRetention) {
        this.requestIdRetention = requestIdRetention;
    }

    public Duration getSessionSweepPeriod() {
        return sessionSweepPeriod;
    }

    public void setSessionSweepPeriod(Duration sessionSweepPeriod) {
        this.sessionSweepPeriod = sessionSweepPeriod;
    }

    /** What a client may do, wherever it authenticates. */
    public static class Grants {

        /** Roles of the client: READ, LOCK, ADMIN. */
        private Set<Role> roles = new LinkedHashSet<>();

        /** Namespaces the client may lock in with the LOCK role; "*" for all. */
        private Set<String> namespaces = new LinkedHashSet<>();

        public Set<Role> getRoles() {
            return roles;
        }

        public void setRoles(Set<Role> roles) {
            this.roles = roles;
        }

        public Set<String> getNamespaces() {
            return namespaces;
        }

        public void setNamespaces(Set<String> namespaces) {
            this.namespaces = namespaces;
        }
    }

    /** A client that authenticates with HTTP Basic. */
    public static class User extends Grants {

        /** Password, with a {id} prefix naming its encoding ({noop} or {bcrypt}); plain text without one. */
        private @Nullable String password;

        public @Nullable String getPassword() {
            return password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }
    }

    /** A client that authenticates with an API key. */
    public static class ApiKey extends Grants {

        /** Client name the key authenticates as: the prefix of the owners it locks for. */
        private @Nullable String client;

        public @Nullable String getClient() {
            return client;
        }

        public void setClient(@Nullable String client) {
            this.client = client;
        }
    }

    /** The roles of the lock server's API. */
    public enum Role {
        /** Read locks, semaphores and sessions. */
        READ,
        /** Acquire, renew and release locks and permits, and use sessions, in the namespaces granted. */
        LOCK,
        /** Everything, force-release and semaphore administration among it. */
        ADMIN
    }
}
