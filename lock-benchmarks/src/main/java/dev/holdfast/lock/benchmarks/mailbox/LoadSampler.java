package dev.holdfast.lock.benchmarks.mailbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Samples the machine's one-minute load average ({@code /proc/loadavg}) every 5 s while the suite runs, so that the
 * report says how busy the shared machine was: other builds and benchmarks run on the same cores.
 */
final class LoadSampler implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
        Thread thread = new Thread(task, "load-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private final DoubleAdder sum = new DoubleAdder();

    private final LongAdder samples = new LongAdder();

    private volatile double min = Double.MAX_VALUE;

    private volatile double max;

    LoadSampler() {
        timer.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
    }

    private void sample() {
        try {
            String text = Files.readString(Path.of("/proc/loadavg"));
            double load = Double.parseDouble(text.substring(0, text.indexOf(' ')));
            sum.add(load);
            samples.increment();
            min = Math.min(min, load);
            max = Math.max(max, load);
        } catch (IOException | RuntimeException ex) {
            // No load average on this system: the report says so.
        }
    }

    /**
     * Describe the load seen so far.
     *
     * @return such as {@code 2.31 mean (1.80–3.05) over 40 samples}
     */
    String describe() {
        long count = samples.sum();
        if (count == 0) {
            return "not available";
        }
        return String.format(
                java.util.Locale.ROOT, "%.2f mean (%.2f–%.2f) over %d samples", sum.sum() / count, min, max, count);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
