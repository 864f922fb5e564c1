/**
 * The {@code mailbox} suite (issue 15, "Performance"): Holdfast's mailboxes (at least once, default settings) against
 * the hand-made alternatives users write today, on Redis (a Redisson {@code RLock} around a Redis list) and on
 * PostgreSQL ({@code SELECT … FOR UPDATE} on a row per entity over a table of calls): calls/s through one mailbox and
 * through 1,000 mailboxes from 8 threads, store round trips per frame, and enqueue-to-result latency at a fixed
 * offered rate (open loop).
 */
@NullMarked
package dev.holdfast.lock.benchmarks.mailbox;

import org.jspecify.annotations.NullMarked;
