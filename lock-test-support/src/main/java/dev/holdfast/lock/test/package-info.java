/**
 * The store contract suite: groups of JUnit 5 test interfaces ({@link dev.holdfast.lock.test.BasicContract},
 * {@link dev.holdfast.lock.test.PriorityContract} and their siblings) that a {@link dev.holdfast.lock.spi.LockStore}'s
 * test implements on {@link dev.holdfast.lock.test.LockStoreContract}, so that the in-memory, Redis and database
 * stores are held to the same rules; with the recording listener and store the groups assert through.
 */
@NullMarked
package dev.holdfast.lock.test;

import org.jspecify.annotations.NullMarked;
