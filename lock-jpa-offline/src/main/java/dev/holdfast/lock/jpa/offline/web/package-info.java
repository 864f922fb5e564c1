/**
 * Spring MVC integration of offline locks: the interceptor behind {@link dev.holdfast.lock.jpa.offline.OfflineLocked},
 * the 412 problem-detail handler, and the {@link dev.holdfast.lock.jpa.offline.web.OfflineLockOwnerResolver} that names
 * the request's user, the owner of its locks. Loaded only with the servlet API on the class path.
 */
@NullMarked
package dev.holdfast.lock.jpa.offline.web;

import org.jspecify.annotations.NullMarked;
