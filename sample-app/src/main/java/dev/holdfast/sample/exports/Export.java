package dev.holdfast.sample.exports;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One export of a report: what it exports, how long it takes, and, once running, the fencing token of its permit.
 *
 * @param id the export's number
 * @param report what it exports, such as {@code sales}
 * @param takes how long the export runs, from one second to {@link #LONGEST}
 * @param permit the fencing token of the permit it runs under, {@code null} until it runs
 * @param status how far it got
 */
public record Export(
        long id, String report, Duration takes, @Nullable Long permit, Status status) {

    /** Longest export: one hour. */
    public static final Duration LONGEST = Duration.ofHours(1);

    public Export {
        if (report == null || report.isBlank()) {
            throw new IllegalArgumentException("Export report must not be blank, but was [" + report + "]");
        }
        if (takes.compareTo(Duration.ofSeconds(1)) < 0 || takes.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(
                    "Export seconds must be from 1 to " + LONGEST.toSeconds() + ", but was " + takes.toSeconds());
        }
    }

    Export with(@Nullable Long permit, Status status) {
        return new Export(this.id, this.report, this.takes, permit, status);
    }

    /** How far an export got. */
    public enum Status {

        /** Asked for, not started. */
        NEW,

        /** Running under a permit. */
        RUNNING,

        /** Finished, its permit given back. */
        DONE,

        /** Cancelled while running, its permit given back. */
        CANCELLED
    }
}
