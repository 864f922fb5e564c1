/**
 * Finds the real services that Holdfast's tests talk to: an explicit URL from the environment, else the service
 * on its default localhost port, else a Testcontainers container when Docker is present, else a failure that says
 * how to provide one.
 */
@NullMarked
package dev.holdfast.lock.test.services;

import org.jspecify.annotations.NullMarked;
