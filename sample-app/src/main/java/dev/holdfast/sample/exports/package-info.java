/**
 * The exports story (a semaphore through {@code @Locked(permits = 3)}): at most three exports run at once across every
 * instance of the application; a fourth is refused with 409 until one finishes or is cancelled, and each running
 * export holds its permit as a lease that the watchdog renews and a crashed instance gives back when it runs out.
 */
@NullMarked
package dev.holdfast.sample.exports;

import org.jspecify.annotations.NullMarked;
