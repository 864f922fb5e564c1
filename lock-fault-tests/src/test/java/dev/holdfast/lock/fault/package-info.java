/**
 * The fault suite of SPEC §8: lock clients in JVMs of their own judged by a fenced register, holders killed and
 * paused, stores crashed and restarted, a frozen network between a holder and its store, races on one lease, mailbox
 * runners and callers killed mid-frame judged by a frame journal (SPEC §7), and a catalogue of bad input, on every
 * store. Throw-away servers (Redis, PostgreSQL) and a TCP proxy stand in for the
 * faults; the shared test services are never stopped, paused or flushed.
 */
@NullMarked
package dev.holdfast.lock.fault;

import org.jspecify.annotations.NullMarked;
