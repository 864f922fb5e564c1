package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** What Holdfast logs: the store and instance id once at startup, a lost lease, a force-release. */
@ExtendWith(OutputCaptureExtension.class)
class LockLoggingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory", "holdfast.instance-id=node-7")
            .withConfiguration(
                    AutoConfigurations.of(LockStoreAutoConfiguration.class, LockTemplateAutoConfiguration.class));

    private static int occurrences(CharSequence output, String text) {
        Matcher matcher = Pattern.compile(Pattern.quote(text)).matcher(output);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    @Test
    void shouldLogTheStoreAndTheInstanceIdOnceAtStartup(CapturedOutput output) {
        runner.run((context) -> {
            context.getBean(LockTemplate.class)
                    .acquire(LockRequest.of("room", 1).build())
                    .close();
            assertThat(occurrences(
                            output,
                            "Holdfast locks in store 'memory' (dev.holdfast.lock.memory.InMemoryLockStore),"
                                    + " instance id 'node-7'"))
                    .isEqualTo(1);
        });
    }

    @Test
    void shouldWarnOfALostLeaseNamingTheLockTheOwnerAndWhy(CapturedOutput output) {
        runner.run((context) -> {
            LockTemplate template = context.getBean(LockTemplate.class);
            Lease lease = template.acquire(LockRequest.of("room", 2)
                    .owner("Tom")
                    .lease(Duration.ofMillis(100))
                    .autoRenew(false)
                    .build());
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !lease.isHeld());
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> output.toString().contains("Lease of lock [room:2] lost by 'Tom'"));
            assertThat(output)
                    .containsPattern(
                            "WARN .*Lease of lock \\[room:2\\] lost by 'Tom' \\(token \\d+, held \\d+ ms\\): .+");
        });
    }

    @Test
    void shouldLogAProgrammaticForceReleaseAndTheHoldersLoss(CapturedOutput output) {
        runner.run((context) -> {
            LockTemplate template = context.getBean(LockTemplate.class);
            template.acquire(LockRequest.of("room", 3).owner("Jack").build());
            assertThat(template.forceRelease(dev.holdfast.lock.LockKey.of("room", 3)))
                    .isTrue();
            assertThat(output)
                    .containsPattern("INFO .*Lock \\[room:3\\] force-released in store 'memory': it was held")
                    .containsPattern(
                            "WARN .*Lease of lock \\[room:3\\] lost by 'Jack' .*force-released by an operator");
        });
    }
}
