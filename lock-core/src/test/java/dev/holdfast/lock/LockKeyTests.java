package dev.holdfast.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The validation of lock keys, which no store sees: a bad key is rejected with a message naming it. */
class LockKeyTests {

    @Test
    void shouldRejectBadKeysWithMessagesNamingThem() {
        assertThatThrownBy(() -> new LockKey(" ", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace")
                .hasMessageContaining("[ ]");
        assertThatThrownBy(() -> new LockKey("room", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[room]");
        assertThatThrownBy(() -> LockKey.of("room", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[room]")
                .hasMessageContaining("null");
        assertThatThrownBy(() -> new LockKey("room", "x".repeat(LockKey.MAX_ID_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than " + LockKey.MAX_ID_LENGTH);
        assertThatThrownBy(() -> new LockKey("ro:om", "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[ro:om]");
        assertThatThrownBy(() -> new LockKey("room", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control");
    }

    @Test
    void shouldAcceptTheLongestNamespaceAndIdOfEveryLock() {
        LockKey longest = new LockKey("n".repeat(LockKey.MAX_NAMESPACE_LENGTH), "é".repeat(LockKey.MAX_ID_LENGTH));

        assertThat(longest.id()).hasSize(255);
        assertThat(longest.namespace()).hasSize(64);
        assertThatThrownBy(() -> new LockKey("n".repeat(LockKey.MAX_NAMESPACE_LENGTH + 1), "1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than " + LockKey.MAX_NAMESPACE_LENGTH);
    }
}
