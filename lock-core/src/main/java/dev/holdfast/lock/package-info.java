/**
 * Holdfast's lock API: {@link dev.holdfast.lock.LockOperations}, implemented by {@link dev.holdfast.lock.LockTemplate},
 * is the one entry point; it names locks by {@link dev.holdfast.lock.LockKey}, hands out
 * {@link dev.holdfast.lock.Lease leases} with fencing tokens, and reports what happened through
 * {@link dev.holdfast.lock.LockListener listeners}.
 */
@NullMarked
package dev.holdfast.lock;

import org.jspecify.annotations.NullMarked;
