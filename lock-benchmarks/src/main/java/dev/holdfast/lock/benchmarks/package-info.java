/**
 * JMH benchmarks of the Holdfast stores against peer libraries, and the runner that turns one suite's results into a
 * section of {@code docs/benchmarks.md}.
 */
@NullMarked
package dev.holdfast.lock.benchmarks;

import org.jspecify.annotations.NullMarked;
