/**
 * The documents story (a read/write lock through {@code @Locked(mode = READ)} and {@code @Locked(mode = WRITE)}): many
 * may read a document at once, one may edit it, and nobody reads while it is edited; each edit's version is the
 * fencing token of its write lock.
 */
@NullMarked
package dev.holdfast.sample.documents;

import org.jspecify.annotations.NullMarked;
