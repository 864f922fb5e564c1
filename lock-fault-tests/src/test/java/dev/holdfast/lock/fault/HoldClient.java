package dev.holdfast.lock.fault;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockLostException;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * A client that acquires one lock (auto-renewed) and then does what the test tells it on standard input, so a test
 * can kill or pause it while it holds, or while it waits.
 *
 * <p>It prints {@code WAITING}, acquires (waiting up to {@code waitMillis}), shows its token to the register
 * ({@code first=enter} enters, else a fenced write) and prints {@code HELD <token> <waitedMillis> <register answer>}.
 * Then, one command per line: {@code WRITE} (a fenced write with its token: {@code WRITE OK} or
 * {@code WRITE REFUSED <reason>}), {@code ISHELD} ({@code ISHELD true|false}), {@code CLOSE} ({@code CLOSED}, or
 * {@code CLOSE LockLostException <message>}), {@code EXIT}. End of input exits.
 */
final class HoldClient {

    private final LockTemplate template;

    private final RegisterClient register;

    private final String owner;

    private final LockKey key;

    private final Duration lease;

    private final Duration wait;

    private final String first;

    HoldClient(LockTemplate template, RegisterClient register, Map<String, String> options) {
        this.template = template;
        this.register = register;
        this.owner = options.get("owner");
        this.key = new LockKey(options.get("namespace"), options.get("keys"));
        this.lease = Duration.ofMillis(Long.parseLong(options.getOrDefault("leaseMillis", "3000")));
        this.wait = Duration.ofMillis(Long.parseLong(options.getOrDefault("waitMillis", "30000")));
        this.first = options.getOrDefault("first", "write");
    }

    void run() throws IOException {
        ClientMain.report("WAITING");
        long start = System.nanoTime();
        Lease held = template.acquire(LockRequest.of(key)
                .owner(owner)
                .lease(lease)
                .waitTime(wait)
                .autoRenew(true)
                .build());
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();
        String shown = register.ask(first.equals("enter") ? "ENTER" : "WRITE", key, owner, held.token());
        ClientMain.report("HELD " + held.token() + " " + waited + " " + shown);
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String command;
        while ((command = commands.readLine()) != null) {
            switch (command) {
                case "WRITE" -> ClientMain.report("WRITE " + register.ask("WRITE", key, owner, held.token()));
                case "ISHELD" -> ClientMain.report("ISHELD " + held.isHeld());
                case "CLOSE" -> {
                    try {
                        held.close();
                        ClientMain.report("CLOSED");
                    } catch (LockLostException ex) {
                        ClientMain.report("CLOSE LockLostException " + ex.getMessage());
                    }
                }
                case "EXIT" -> {
                    return;
                }
                default -> ClientMain.report("UNKNOWN " + command);
            }
        }
    }
}
