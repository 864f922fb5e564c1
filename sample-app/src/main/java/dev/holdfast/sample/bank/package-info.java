/**
 * The bank-transfer story of barricade: a transfer locks both accounts' rows in a fixed order before it moves money,
 * so opposite transfers never deadlock, and a deadlock the database reports anyway is retried.
 */
@NullMarked
package dev.holdfast.sample.bank;

import org.jspecify.annotations.NullMarked;
