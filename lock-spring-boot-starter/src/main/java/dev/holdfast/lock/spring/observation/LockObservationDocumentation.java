package dev.holdfast.lock.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * Documents Holdfast's observations and their key values; only low-cardinality ones, never the lock key. The meters of
 * {@code dev.holdfast.lock.spring.metrics} use the same keys.
 */
public enum LockObservationDocumentation implements ObservationDocumentation {

    /**
     * One acquisition of any kind of lock (a lock, a handle, permits, a read or write hold), programmatic or from an
     * annotation: from asking until granted, refused or failed.
     */
    ACQUIRE {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultLockAcquireObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }
    },

    /** A call of a {@code @Locked} method: acquiring the lock, then the method while it is held. */
    LOCKED_CALL {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultLockedCallObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeyNames.values();
        }
    };

    /** Low-cardinality key values of every Holdfast observation and meter. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** Static name of the lock: {@code @Locked(name)}, the request's name, by default the key's namespace. */
        LOCK_NAME {
            @Override
            public String asString() {
                return "lock.name";
            }
        },

        /** Name of the lock store, such as {@code redis}, {@code jdbc} or {@code memory}. */
        LOCK_STORE {
            @Override
            public String asString() {
                return "lock.store";
            }
        },

        /**
         * Kind of lock: {@code lock}, {@code handle}, {@code semaphore}, {@code read}, {@code write} or
         * {@code offline}.
         */
        LOCK_KIND {
            @Override
            public String asString() {
                return "lock.kind";
            }
        },

        /**
         * How the acquisition ended: {@code acquired}, {@code refused}, {@code timed_out}, {@code missing},
         * {@code error}, or {@code unknown} while it runs.
         */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        }
    }
}
