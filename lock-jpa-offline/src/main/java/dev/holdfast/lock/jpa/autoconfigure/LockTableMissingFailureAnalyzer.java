package dev.holdfast.lock.jpa.autoconfigure;

import dev.holdfast.lock.jdbc.LockTableMissingException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a missing lock table at startup and names the property that creates it. */
class LockTableMissingFailureAnalyzer extends AbstractFailureAnalyzer<LockTableMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LockTableMissingException cause) {
        String description = "Holdfast's lock table [" + cause.getTable() + "] does not exist in the "
                + cause.getPlatform() + " database, or lacks a column this version needs.";
        String action = "Set holdfast.jdbc.initialize-schema=always to create or update it at startup from "
                + cause.getSchemaLocation() + ", or add that script to your Flyway or Liquibase migrations.";
        return new FailureAnalysis(description, action, cause);
    }
}
