package dev.holdfast.lock.fault;

/** The stores the suite runs on. */
enum StoreKind {
    MEMORY,
    H2,
    REDIS,
    POSTGRES,
    MARIADB;

    /** Return whether separate processes can share this store (so client JVMs can race on it). */
    boolean networked() {
        return this == REDIS || this == POSTGRES || this == MARIADB;
    }
}
