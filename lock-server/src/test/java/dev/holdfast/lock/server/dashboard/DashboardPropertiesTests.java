package dev.holdfast.lock.server.dashboard;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.holdfast.lock.server.LockServerApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

class DashboardPropertiesTests {

    @Test
    void shouldFailAtStartupNamingTheProperty() {
        SpringApplicationBuilder server = new SpringApplicationBuilder(LockServerApplication.class)
                .properties("server.port=0", "holdfast.server.dashboard.max-clients=0");

        assertThatThrownBy(server::run)
                .rootCause()
                .hasMessage("holdfast.server.dashboard.max-clients must be at least 1, but was 0");
    }

    @Test
    void shouldRefuseANonPositiveTimeoutOrRowLimit() {
        DashboardProperties properties = new DashboardProperties();
        properties.setStreamTimeout(java.time.Duration.ZERO);
        assertThatThrownBy(properties::validate).hasMessageContaining("holdfast.server.dashboard.stream-timeout");
        properties.setStreamTimeout(java.time.Duration.ofMinutes(1));
        properties.setMaxRows(0);
        assertThatThrownBy(properties::validate).hasMessageContaining("holdfast.server.dashboard.max-rows");
    }
}
