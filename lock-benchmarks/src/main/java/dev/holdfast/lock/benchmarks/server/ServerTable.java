package dev.holdfast.lock.benchmarks.server;

import dev.holdfast.lock.benchmarks.server.ServerLoad.Throughput;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/** The Markdown section of the {@code server} suite. */
final class ServerTable {

    private ServerTable() {}

    static String markdown(
            List<StoreRun> runs, LocalDate date, String machine, String cores, String jvm, double loadAfter) {
        StringBuilder out = new StringBuilder();
        line(
                out,
                "The lock server (`lock-server/target/lock-server.jar`, a child process on a loopback port, default"
                        + " JVM options) under load from `java.net.http.HttpClient` clients (HTTP/1.1 keep-alive, `X-Api-Key`; see HTTP Basic below) in"
                        + " the benchmark process on the same machine; each client its own lock. Run on %s (%s cores, %s), %s."
                        + " Load average (1 min) at the start of each store's run: %s; at the end: %.1f. Other helpers' builds"
                        + " and tests shared these cores during the run, so every figure is a lower bound for an idle machine.",
                machine,
                cores,
                jvm,
                date,
                loads(runs),
                loadAfter);
        out.append('\n');
        line(
                out,
                "Acquire+release cycles per second (%ss warm-up, then %ss counted); CPU per cycle of the server"
                        + " process and of the load generator (both on the same 2 cores).",
                ServerLoad.WARMUP.toSeconds(),
                ServerLoad.MEASURE.toSeconds());
        out.append('\n');
        line(
                out,
                "| Store | Clients | Cycles/s | Target | Met | Server CPU ms/cycle | Client CPU ms/cycle |"
                        + " Store-bound ceiling (1 client) |");
        line(out, "|---|---:|---:|---:|:---:|---:|---:|---:|");
        for (StoreRun run : runs) {
            for (Throughput row : run.cycles()) {
                double target = run.cyclesTarget(row.clients());
                line(
                        out,
                        "| %s | %d | %,.0f | %s | %s | %.2f | %.2f | %s |",
                        run.store(),
                        row.clients(),
                        row.perSecond(),
                        Double.isNaN(target) ? "–" : String.format(Locale.ROOT, "≥ %,.0f", target),
                        Double.isNaN(target) ? "–" : met(row.perSecond() >= target),
                        row.serverCpuMs(),
                        row.clientCpuMs(),
                        row.clients() == 1 ? String.format(Locale.ROOT, "%,.0f", run.storeBoundPerClient()) : "");
            }
        }
        out.append('\n');
        line(
                out,
                "Uncontended acquire, one client (%ss; release not timed): through the server and with the store"
                        + " API directly (`LockTemplate.tryAcquire`) in the same run; the server's added latency is the"
                        + " difference. Target: added ≤ %.0f ms at p99.",
                ServerLoad.SAMPLING.toSeconds(),
                StoreRun.ADDED_P99_TARGET,
                ServerLoad.BASIC_SAMPLING.toSeconds());
        out.append('\n');
        line(
                out,
                "| Store | Server p50 | Server p99 | Store p50 | Store p99 | Added p50 | Added p99 | Met |"
                        + " HTTP Basic p50 / p99 (samples) |");
        line(out, "|---|---:|---:|---:|---:|---:|---:|:---:|---:|");
        for (StoreRun run : runs) {
            double added99 = run.server().p99() - run.direct().p99();
            line(
                    out,
                    "| %s | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %s | %.1f / %.1f ms (%d) |",
                    run.store(),
                    run.server().p50(),
                    run.server().p99(),
                    run.direct().p50(),
                    run.direct().p99(),
                    run.server().p50() - run.direct().p50(),
                    added99,
                    met(added99 <= StoreRun.ADDED_P99_TARGET),
                    run.basic().p50(),
                    run.basic().p99(),
                    run.basic().samples());
        }
        out.append('\n');
        line(
                out,
                "Hand-off through the server: two clients on one lock, the waiter's acquire held open"
                        + " (`waitMs`) until the server lists it as waiting, then the holder releases; from the release call's"
                        + " start to the waiter's response (up to %d rounds or %ss, the first 10 not counted).",
                ServerLoad.HANDOFF_ROUNDS,
                ServerLoad.HANDOFF_TIME.toSeconds());
        out.append('\n');
        line(out, "| Store | Rounds | p50 | p99 | Target p99 | Met |");
        line(out, "|---|---:|---:|---:|---:|:---:|");
        for (StoreRun run : runs) {
            line(
                    out,
                    "| %s | %d | %.2f ms | %.2f ms | ≤ %.0f ms | %s |",
                    run.store(),
                    run.handoff().samples(),
                    run.handoff().p50(),
                    run.handoff().p99(),
                    run.handoffTarget(),
                    met(run.handoff().p99() <= run.handoffTarget()));
        }
        out.append('\n');
        line(
                out,
                "%,d acquire requests sent at once (each for its own lock held by another client, `waitMs`"
                        + " %ss), counted as waiting by the server's lock list (up to %ss): the server's heap after a full GC"
                        + " (`jcmd GC.run`, `GC.heap_info`) and its RSS, before and while they wait, per request listed as"
                        + " waiting; and another client's uncontended acquire+release meanwhile. Target: all of them < 50 MB.",
                ServerLoad.WAITERS,
                ServerLoad.WAITERS_WAIT.toSeconds(),
                ServerLoad.WAITERS_DEADLINE.toSeconds());
        out.append('\n');
        line(
                out,
                "| Store | Listed waiting | Answered early | Heap per waiter | RSS per waiter | Heap for %,d | Met |"
                        + " Other client's cycle | Heap / RSS while waiting |",
                ServerLoad.WAITERS);
        line(out, "|---|---:|---:|---:|---:|---:|:---:|---:|---:|");
        for (StoreRun run : runs) {
            ServerLoad.Memory memory = run.memory();
            double total = memory.heapPerWaiter() * ServerLoad.WAITERS;
            line(
                    out,
                    "| %s | %,d | %,d | %.1f KiB | %.1f KiB | %.1f MiB | %s | %.1f ms | %.0f / %.0f MiB |",
                    run.store(),
                    memory.waiters(),
                    memory.answeredEarly(),
                    memory.heapPerWaiter() / 1024,
                    memory.rssPerWaiter() / 1024,
                    total / 1048576,
                    met(memory.waiters() == ServerLoad.WAITERS
                            && Math.max(total, memory.rssPerWaiter() * ServerLoad.WAITERS) < StoreRun.WAITERS_TARGET),
                    memory.probeMs(),
                    memory.heapWaiting() / 1048576.0,
                    memory.rssWaiting() / 1048576.0);
        }
        for (StoreRun run : runs) {
            if (!run.memory().note().isEmpty()) {
                out.append('\n');
                line(out, "%s, waiting requests: %s.", run.store(), run.memory().note());
            }
        }
        return out.toString();
    }

    private static String loads(List<StoreRun> runs) {
        StringBuilder loads = new StringBuilder();
        for (StoreRun run : runs) {
            loads.append(loads.length() == 0 ? "" : ", ")
                    .append(String.format(Locale.ROOT, "%s %.1f", run.store(), run.loadBefore()));
        }
        return loads.toString();
    }

    private static String met(boolean met) {
        return met ? "yes" : "**no**";
    }

    private static void line(StringBuilder out, String format, Object... args) {
        out.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
