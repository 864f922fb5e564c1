package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** How the CLI reads durations and lock names, and what it says about bad ones. */
class ArgumentsTests {

    @Test
    void shouldReadDurationsInTheUnitsPeopleType() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(DurationConverter.parse("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("PT0.25S")).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void shouldNameABadDuration() {
        assertThatThrownBy(() -> DurationConverter.parse("-5s"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'-5s'");
        assertThatThrownBy(() -> DurationConverter.parse("PT-1S")).hasMessageContaining("'PT-1S'");
    }

    @Test
    void shouldSplitALockNameAtItsFirstSlashAndEncodeItsParts() {
        LockName name = LockName.parse("jobs/reports/2026 Q1");
        assertThat(name.namespace()).isEqualTo("jobs");
        assertThat(name.id()).isEqualTo("reports/2026 Q1");
        assertThat(name.path()).isEqualTo("jobs/reports%2F2026%20Q1");
        assertThat(name).hasToString("jobs/reports/2026 Q1");
    }

    @Test
    void shouldNameABadLockName() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LockName.parse("jobs"))
                .withMessageContaining("[jobs]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LockName.parse("jobs/"))
                .withMessageContaining("[jobs/]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LockName.parse("/id"))
                .withMessageContaining("[/id]");
    }
}
