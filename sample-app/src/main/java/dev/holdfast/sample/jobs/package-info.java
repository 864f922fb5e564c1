/**
 * The action-handle jobs story: a "nice to have" job that runs only on a free resource, and an important ("vip") job
 * that takes the resource from it unless another vip job holds it.
 */
@NullMarked
package dev.holdfast.sample.jobs;

import org.jspecify.annotations.NullMarked;
