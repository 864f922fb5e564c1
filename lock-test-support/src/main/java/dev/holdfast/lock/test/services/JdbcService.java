package dev.holdfast.lock.test.services;

/**
 * Where a test database listens, and how to log in.
 *
 * @param url the JDBC URL
 * @param username the user name
 * @param password the password, empty for none
 */
public record JdbcService(String url, String username, String password) {}
