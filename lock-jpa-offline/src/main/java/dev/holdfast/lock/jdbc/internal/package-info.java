/**
 * Internal support shared by the database lock store ({@code dev.holdfast.lock.jdbc}), offline locks
 * ({@code dev.holdfast.lock.jpa.offline}) and row locks ({@code dev.holdfast.lock.jpa.rows}): which database a data
 * source is ({@link dev.holdfast.lock.jdbc.internal.Database}, from Spring Boot's {@code DatabaseDriver}), named SQL
 * statements from class path resources ({@link dev.holdfast.lock.jdbc.internal.SqlStatements}), what kind of failure
 * a database reported ({@link dev.holdfast.lock.jdbc.internal.DatabaseFailures}, through Spring's
 * {@code SQLExceptionTranslator}), and how a unit of database work is retried
 * ({@link dev.holdfast.lock.jdbc.internal.DatabaseRetry}, Spring Framework's {@code RetryTemplate}, never past an
 * interrupt).
 *
 * <p><b>Not API.</b> These types are public only because Java has no visibility shared by sibling packages; they may
 * change or disappear in any release, and applications must not use them.
 */
@NullMarked
package dev.holdfast.lock.jdbc.internal;

import org.jspecify.annotations.NullMarked;
