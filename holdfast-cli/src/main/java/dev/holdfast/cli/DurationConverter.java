package dev.holdfast.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration as {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, a bare number of milliseconds or ISO-8601. */
final class DurationConverter implements ITypeConverter<Duration> {

    private static final Pattern SIMPLE = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    /**
     * Parses a duration.
     *
     * @param value the text, for example {@code 30s}
     * @return the duration, never negative
     * @throws TypeConversionException naming the value when it is none of the accepted forms
     */
    static Duration parse(String value) {
        String text = value.strip().toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE.matcher(text);
        if (simple.matches()) {
            long amount = Long.parseLong(simple.group(1));
            String unit = (simple.group(2) != null) ? simple.group(2) : "ms";
            return switch (unit) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofMillis(amount);
            };
        }
        try {
            Duration parsed = Duration.parse(value.strip());
            if (!parsed.isNegative()) {
                return parsed;
            }
        } catch (RuntimeException ex) {
            // fall through to the message below
        }
        throw new TypeConversionException("Invalid duration '" + value
                + "': use 500ms, 30s, 2m, 1h, a number of milliseconds or ISO-8601 (PT30S)");
    }
}
