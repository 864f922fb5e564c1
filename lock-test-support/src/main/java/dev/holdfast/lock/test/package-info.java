/**
 * The store contract suite: an abstract JUnit 5 test that every {@link dev.holdfast.lock.spi.LockStore} extends, so
 * that the in-memory, Redis and database stores are held to the same rules.
 */
@NullMarked
package dev.holdfast.lock.test;

import org.jspecify.annotations.NullMarked;
