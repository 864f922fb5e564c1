package dev.holdfast.lock.server;

import dev.holdfast.lock.test.services.JdbcService;
import dev.holdfast.lock.test.services.TestServices;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The store scenarios on PostgreSQL (found by the test-support finder: environment, localhost:5432, or a container). */
class PostgresStoreServerTests extends StoreScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        JdbcService postgres = TestServices.postgres();
        registry.add("holdfast.store", () -> "jdbc");
        registry.add("holdfast.jdbc.initialize-schema", () -> "always");
        registry.add("spring.datasource.url", postgres::url);
        registry.add("spring.datasource.username", postgres::username);
        registry.add("spring.datasource.password", postgres::password);
    }
}
