package dev.holdfast.lock.fault;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * The judge of the fault suite: a resource guarded by locks that checks, for each key, what a correct lock
 * guarantees, and records every violation as a {@link Refusal}. It lives in the test JVM, outside the clients, and no
 * fault touches it.
 *
 * <ul>
 *   <li>{@link #enter}: refused while another holder is inside the key, or when the fencing token is not above every
 *       token seen for the key (mutual exclusion and increasing tokens);
 *   <li>{@link #leave}: refused unless that holder, with that token, is inside;
 *   <li>{@link #write}: a fenced write, refused when the token is below the highest seen for the key (the stale
 *       holder's write) or another holder is inside.
 * </ul>
 *
 * <p>A verdict is read from {@link #refusals()}, never from counting iterations. Thread-safe.
 */
final class FencedRegister {

    /**
     * An operation the register refused.
     *
     * @param operation {@code ENTER}, {@code LEAVE} or {@code WRITE}
     * @param key the key
     * @param owner who asked
     * @param token the token it showed
     * @param reason why it was refused
     */
    record Refusal(String operation, String key, String owner, long token, String reason) {

        @Override
        public String toString() {
            return operation + " " + key + " by '" + owner + "' with token " + token + " refused: " + reason;
        }
    }

    private record Holder(String owner, long token) {}

    private static final class Slot {

        private @Nullable Holder inside;

        private long highest = Long.MIN_VALUE;
    }

    private final Map<String, Slot> slots = new HashMap<>();

    private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

    private int accepted;

    /**
     * Enter the guarded section of a key.
     *
     * @param key the key
     * @param owner who enters
     * @param token its fencing token
     * @return the refusal, or empty when entered
     */
    synchronized Optional<Refusal> enter(String key, String owner, long token) {
        Slot slot = slots.computeIfAbsent(key, (k) -> new Slot());
        if (slot.inside != null) {
            return refuse("ENTER", key, owner, token, insideMessage(slot.inside));
        }
        if (token <= slot.highest) {
            return refuse("ENTER", key, owner, token, "token is not above " + slot.highest + ", seen before");
        }
        slot.inside = new Holder(owner, token);
        slot.highest = token;
        accepted++;
        return Optional.empty();
    }

    /**
     * Leave the guarded section of a key.
     *
     * @param key the key
     * @param owner who leaves
     * @param token the token it entered with
     * @return the refusal, or empty when left
     */
    synchronized Optional<Refusal> leave(String key, String owner, long token) {
        Slot slot = slots.get(key);
        Holder inside = (slot != null) ? slot.inside : null;
        if (inside == null || !inside.equals(new Holder(owner, token))) {
            return refuse("LEAVE", key, owner, token, "it is not inside (inside: " + inside + ")");
        }
        slot.inside = null;
        accepted++;
        return Optional.empty();
    }

    /**
     * Write to the resource of a key, fenced by the token.
     *
     * @param key the key
     * @param owner who writes
     * @param token its fencing token
     * @return the refusal, or empty when written
     */
    synchronized Optional<Refusal> write(String key, String owner, long token) {
        Slot slot = slots.computeIfAbsent(key, (k) -> new Slot());
        if (token < slot.highest) {
            return refuse("WRITE", key, owner, token, "token is below " + slot.highest + ", seen before");
        }
        if (slot.inside != null && !slot.inside.equals(new Holder(owner, token))) {
            return refuse("WRITE", key, owner, token, insideMessage(slot.inside));
        }
        slot.highest = token;
        accepted++;
        return Optional.empty();
    }

    /**
     * Return whether someone is inside a key.
     *
     * @param key the key
     * @return whether occupied
     */
    synchronized boolean occupied(String key) {
        Slot slot = slots.get(key);
        return slot != null && slot.inside != null;
    }

    /**
     * Return the highest token seen for a key.
     *
     * @param key the key
     * @return the token, or {@link Long#MIN_VALUE} when none was seen
     */
    synchronized long highest(String key) {
        Slot slot = slots.get(key);
        return (slot != null) ? slot.highest : Long.MIN_VALUE;
    }

    /**
     * Return how many operations were accepted, for a positive control that the clients did reach the register.
     *
     * @return the count
     */
    synchronized int accepted() {
        return accepted;
    }

    /**
     * Return every refusal so far, in order.
     *
     * @return the refusals
     */
    List<Refusal> refusals() {
        return List.copyOf(refusals);
    }

    private Optional<Refusal> refuse(String operation, String key, String owner, long token, String reason) {
        Refusal refusal = new Refusal(operation, key, owner, token, reason);
        refusals.add(refusal);
        return Optional.of(refusal);
    }

    private static String insideMessage(Holder inside) {
        return "'" + inside.owner() + "' (token " + inside.token() + ") is inside";
    }
}
