package dev.holdfast.sample.orders;

import org.jspecify.annotations.Nullable;

/**
 * An event of an order, as posted.
 *
 * @param type what happened, such as {@code created}, {@code paid} or {@code shipped}; {@code refunded}
 *     applies only once the order is {@code paid}
 * @param note a free note, or {@code null}
 */
public record OrderEvent(String type, @Nullable String note) {}
