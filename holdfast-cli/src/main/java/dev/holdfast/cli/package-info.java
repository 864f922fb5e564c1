/**
 * The {@code holdfast} command-line client of the lock server: {@link dev.holdfast.cli.Holdfast} parses the command
 * line with picocli and talks to the server's HTTP API v1 with {@code java.net.http.HttpClient}; {@code holdfast run --}
 * runs a command in its own process group while it holds a lock, and terminates the whole group a safety margin before
 * the server could grant the lock to anyone else.
 */
@NullMarked
package dev.holdfast.cli;

import org.jspecify.annotations.NullMarked;
