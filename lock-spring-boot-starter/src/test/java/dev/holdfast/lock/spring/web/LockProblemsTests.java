package dev.holdfast.lock.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.LockKey;
import dev.holdfast.lock.LockResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;

class LockProblemsTests {

    @Test
    void shouldSayThatAMissingLockDoesNotExistWithoutARetryTime() {
        LockResult.NotAcquired missing = new LockResult.NotAcquired(
                LockKey.of("exports", "pdf"), "bob", LockResult.Reason.MISSING, null, Duration.ZERO);
        ProblemDetail problem = LockProblems.notAcquired(missing, true);
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getDetail()).isEqualTo("Lock [exports:pdf] does not exist.");
        assertThat(problem.getProperties()).containsEntry("lock", "exports:pdf").doesNotContainKey("owner");
        assertThat(LockProblems.retryAfterSeconds(missing.holder())).isEmpty();
    }
}
