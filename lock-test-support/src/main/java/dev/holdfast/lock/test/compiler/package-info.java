/**
 * Compiles a class at test time as a build without {@code -parameters} does (the Spring Boot BOM imported rather than
 * its parent), so that tests can prove the startup checks catch SpEL that names parameters by a name that is not
 * there.
 */
@NullMarked
package dev.holdfast.lock.test.compiler;

import org.jspecify.annotations.NullMarked;
