/**
 * The Holdfast sample application: plays the stories of the seed projects over one lock store, in-memory or
 * embedded by default, Redis by profile.
 */
@NullMarked
package dev.holdfast.sample;

import org.jspecify.annotations.NullMarked;
