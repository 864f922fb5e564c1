package dev.holdfast.lock.redis;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Captures what is written to {@code System.err} (where the tests' slf4j-simple logs) while an action runs, as Spring
 * Boot's output capture does; the tests of a module run one class at a time, so nothing else writes there meanwhile.
 */
final class StandardErrorCapture {

    private StandardErrorCapture() {}

    /**
     * Run an action and return what it wrote to {@code System.err}, and its result.
     *
     * @param action the action
     * @param <T> its result
     * @return what was written, and the result
     */
    static <T> Captured<T> during(Supplier<T> action) {
        PrintStream original = System.err;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
        T result;
        try {
            result = action.get();
        } finally {
            System.setErr(original);
        }
        String output = written.toString(StandardCharsets.UTF_8);
        original.print(output);
        return new Captured<>(output, result);
    }

    /**
     * What an action wrote and returned.
     *
     * @param output what it wrote to {@code System.err}
     * @param result what it returned
     * @param <T> the result's type
     */
    record Captured<T>(String output, T result) {}
}
