package dev.holdfast.lock.spring.autoconfigure;

import static dev.holdfast.lock.spring.autoconfigure.LockConfigurationException.invalid;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Settings of the {@code mailboxes} health contributor. */
@ConfigurationProperties("holdfast.mailbox.health")
public class MailboxHealthProperties {

    /** Most dead letters a mailbox type may have before the mailboxes health contributor reports it. */
    private long deadLetterThreshold = 0;

    /** Health status reported when a mailbox type has more dead letters than the threshold, such as WARN or DOWN. */
    private String deadLetterStatus = "WARN";

    public long getDeadLetterThreshold() {
        return deadLetterThreshold;
    }

    public void setDeadLetterThreshold(long deadLetterThreshold) {
        if (deadLetterThreshold < 0) {
            throw invalid(
                    "holdfast.mailbox.health.dead-letter-threshold",
                    deadLetterThreshold,
                    "it must be 0 or more",
                    "Set holdfast.mailbox.health.dead-letter-threshold to the most dead letters a type may have, 0 to"
                            + " report any.");
        }
        this.deadLetterThreshold = deadLetterThreshold;
    }

    public String getDeadLetterStatus() {
        return deadLetterStatus;
    }

    public void setDeadLetterStatus(String deadLetterStatus) {
        if (deadLetterStatus == null || !deadLetterStatus.strip().matches("[A-Za-z_-]+")) {
            throw invalid(
                    "holdfast.mailbox.health.dead-letter-status",
                    deadLetterStatus,
                    "it must be a status code of letters, '_' or '-'",
                    "Set holdfast.mailbox.health.dead-letter-status to WARN (HTTP 200) or DOWN (HTTP 503).");
        }
        this.deadLetterStatus = deadLetterStatus.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
