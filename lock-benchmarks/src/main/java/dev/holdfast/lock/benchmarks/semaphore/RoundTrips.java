package dev.holdfast.lock.benchmarks.semaphore;

import java.util.Locale;

/**
 * Sends a known number of uncontended permit cycles per contender, with a pause between contenders, so that a
 * {@code redis-cli monitor} running meanwhile can count the commands each cycle costs (the commands naming the
 * contender's keys, divided by the cycles). Argument: cycles per contender (default 200).
 */
public final class RoundTrips {

    private RoundTrips() {}

    /**
     * Run the cycles.
     *
     * @param args the cycles per contender
     * @throws InterruptedException when interrupted between contenders
     */
    public static void main(String[] args) throws InterruptedException {
        int cycles = (args.length > 0) ? Integer.parseInt(args[0]) : 200;
        for (Contender contender : Contender.values()) {
            try (SemaphoreContender client = contender.open()) {
                client.cycle("round-trips");
                Thread.sleep(500);
                System.out.printf(
                        Locale.ROOT, "%s: %d cycles from %d%n", contender.method(), cycles, System.nanoTime());
                for (int i = 0; i < cycles; i++) {
                    client.cycle("round-trips");
                }
                System.out.printf(Locale.ROOT, "%s: done at %d%n", contender.method(), System.nanoTime());
                Thread.sleep(500);
            }
        }
    }
}
