package dev.holdfast.lock.server;

import org.springframework.test.context.TestPropertySource;

/** The store scenarios on the in-memory store, the server's default. */
@TestPropertySource(properties = "holdfast.store=memory")
class MemoryStoreServerTests extends StoreScenarios {}
