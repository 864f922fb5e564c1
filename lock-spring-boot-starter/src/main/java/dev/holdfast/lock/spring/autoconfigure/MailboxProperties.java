package dev.holdfast.lock.spring.autoconfigure;

import static dev.holdfast.lock.spring.autoconfigure.LockConfigurationException.invalid;

import dev.holdfast.lock.mailbox.DeliveryMode;
import dev.holdfast.lock.mailbox.MailboxSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code holdfast.mailbox.*} group of {@link HoldfastProperties}: how long a {@code @Mailbox} call waits for its
 * frame, and the settings of each mailbox type, each unset one taken from {@link MailboxSettings#DEFAULTS}.
 */
public class MailboxProperties {

    private static final String PREFIX = "holdfast.mailbox";

    private static final Pattern SETTING = Pattern.compile("setting '(\\w+)'");

    /** Longest wait of a @Mailbox call for its frame's result; the frame stays queued when it runs out. */
    private Duration callTimeout = Duration.ofMinutes(5);

    /** Settings of each mailbox type, by the type a @Mailbox annotation names. */
    private final Map<String, Type> types = new LinkedHashMap<>();

    public Duration getCallTimeout() {
        return this.callTimeout;
    }

    public void setCallTimeout(Duration callTimeout) {
        if (callTimeout == null || callTimeout.isNegative() || callTimeout.isZero()) {
            throw invalid(
                    PREFIX + ".call-timeout",
                    callTimeout,
                    "a call timeout must be positive.",
                    "Set " + PREFIX + ".call-timeout to a positive duration (such as 30s), or remove it for 5m.");
        }
        this.callTimeout = callTimeout;
    }

    public Map<String, Type> getTypes() {
        return this.types;
    }

    /**
     * Return the settings of a mailbox type: what {@code holdfast.mailbox.types.<type>.*} sets, the defaults for the
     * rest.
     *
     * @param type the mailbox type
     * @return the settings
     * @throws dev.holdfast.lock.LockException at startup, naming the property at fault and its value
     */
    public MailboxSettings settings(String type) {
        Type configured = this.types.get(type);
        if (configured == null) {
            return MailboxSettings.DEFAULTS;
        }
        MailboxSettings defaults = MailboxSettings.DEFAULTS;
        try {
            return new MailboxSettings(
                    (configured.mode != null) ? configured.mode : defaults.mode(),
                    (configured.maxAttempts != null) ? configured.maxAttempts : defaults.maxAttempts(),
                    (configured.backoff != null) ? configured.backoff : defaults.backoff(),
                    (configured.maxDepth != null) ? configured.maxDepth : defaults.maxDepth(),
                    (configured.maxFrameSize != null) ? configured.maxFrameSize : defaults.maxFrameSize(),
                    (configured.resultTtl != null) ? configured.resultTtl : defaults.resultTtl(),
                    (configured.lease != null) ? configured.lease : defaults.lease());
        } catch (IllegalArgumentException ex) {
            // The core owns the rules; its message names the setting, which is the property's last part
            Matcher setting = SETTING.matcher(String.valueOf(ex.getMessage()));
            String name = setting.find() ? kebab(setting.group(1)) : "*";
            String property = PREFIX + ".types." + type + "." + name;
            throw invalid(
                    property,
                    configured.value(name),
                    ex.getMessage() + ".",
                    "Set " + property + " to a valid value, or remove it for the default (" + defaults + ").");
        }
    }

    /**
     * Refuse settings of a type no {@code @Mailbox} method names: a misspelt type would otherwise be ignored.
     *
     * @param types the types the application's methods name
     * @throws dev.holdfast.lock.LockException at startup, naming the property
     */
    public void checkTypes(Set<String> types) {
        for (String type : this.types.keySet()) {
            if (!types.contains(type)) {
                String property = PREFIX + ".types." + type;
                throw new LockConfigurationException(
                        property,
                        property + " configures mailbox type '" + type + "', which no @Mailbox method names (types: "
                                + types + ").",
                        "Rename " + property + " to one of " + types + ", or remove it.");
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }

    /** The settings of one mailbox type; each one left unset keeps its default. */
    public static class Type {

        /** When a frame leaves its mailbox: after it succeeded (at-least-once) or before it runs (at-most-once). */
        private @Nullable DeliveryMode mode;

        /** Runs an at-least-once frame gets before it moves to the dead letters; at least 1. */
        private @Nullable Integer maxAttempts;

        /** Pause between two attempts of a failed frame; zero for none. */
        private @Nullable Duration backoff;

        /** Most frames one mailbox holds: beyond it a call is refused at once. */
        private @Nullable Integer maxDepth;

        /** Largest frame accepted, in UTF-8 bytes of its JSON. */
        private @Nullable Integer maxFrameSize;

        /** How long a result is kept for a caller that has not collected it yet. */
        private @Nullable Duration resultTtl;

        /** Lease of the mailbox lock, renewed by the watchdog while frames run. */
        private @Nullable Duration lease;

        public @Nullable DeliveryMode getMode() {
            return this.mode;
        }

        public void setMode(@Nullable DeliveryMode mode) {
            this.mode = mode;
        }

        public @Nullable Integer getMaxAttempts() {
            return this.maxAttempts;
        }

        public void setMaxAttempts(@Nullable Integer maxAttempts) {
            this.maxAttempts = maxAttempts;
        }

        public @Nullable Duration getBackoff() {
            return this.backoff;
        }

        public void setBackoff(@Nullable Duration backoff) {
            this.backoff = backoff;
        }

        public @Nullable Integer getMaxDepth() {
            return this.maxDepth;
        }

        public void setMaxDepth(@Nullable Integer maxDepth) {
            this.maxDepth = maxDepth;
        }

        public @Nullable Integer getMaxFrameSize() {
            return this.maxFrameSize;
        }

        public void setMaxFrameSize(@Nullable Integer maxFrameSize) {
            this.maxFrameSize = maxFrameSize;
        }

        public @Nullable Duration getResultTtl() {
            return this.resultTtl;
        }

        public void setResultTtl(@Nullable Duration resultTtl) {
            this.resultTtl = resultTtl;
        }

        public @Nullable Duration getLease() {
            return this.lease;
        }

        public void setLease(@Nullable Duration lease) {
            this.lease = lease;
        }

        private @Nullable Object value(String property) {
            return switch (property) {
                case "mode" -> this.mode;
                case "max-attempts" -> this.maxAttempts;
                case "backoff" -> this.backoff;
                case "max-depth" -> this.maxDepth;
                case "max-frame-size" -> this.maxFrameSize;
                case "result-ttl" -> this.resultTtl;
                case "lease" -> this.lease;
                default -> null;
            };
        }
    }
}
