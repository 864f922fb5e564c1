/**
 * The lock server's live dashboard: the page at {@code /} and {@code /dashboard}, and the server-sent events of
 * {@code GET /api/v1/events} that feed it (a snapshot on connect, changes as they happen, a tick each second).
 */
@NullMarked
package dev.holdfast.lock.server.dashboard;

import org.jspecify.annotations.NullMarked;
