/**
 * The room-booking story of action-handle: Tom books room 101, Jack is refused and sees who has it, Tom renews and
 * then leaves, and management finds the room free.
 */
@NullMarked
package dev.holdfast.sample.rooms;

import org.jspecify.annotations.NullMarked;
