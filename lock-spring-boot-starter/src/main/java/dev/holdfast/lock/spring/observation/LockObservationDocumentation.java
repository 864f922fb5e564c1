package dev.holdfast.lock.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** Documents Holdfast's observations and their key values; only low-cardinality ones, never the lock key. */
public enum LockObservationDocumentation implements ObservationDocumentation {

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

    /** Low-cardinality key values of {@link #LOCKED_CALL}. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** Static name of the lock, from {@code @Locked(name)}. */
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

        /** Whether the lock was acquired: {@code acquired}, {@code refused}, {@code timed_out} or {@code error}. */
        OUTCOME {
            @Override
            public String asString() {
                return "outcome";
            }
        },

        /** Simple name of the exception the call ended with, or {@value KeyValue#NONE_VALUE}. */
        EXCEPTION {
            @Override
            public String asString() {
                return "exception";
            }
        }
    }
}
