package dev.holdfast.lock.spring.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.holdfast.lock.Lease;
import dev.holdfast.lock.LeasedSemaphore;
import dev.holdfast.lock.LockRequest;
import dev.holdfast.lock.LockTemplate;
import dev.holdfast.lock.PermitRequest;
import dev.holdfast.lock.mailbox.MailboxListener;
import dev.holdfast.lock.mailbox.Mailboxes;
import dev.holdfast.lock.spi.LockStore;
import dev.holdfast.lock.spi.MailboxStore;
import dev.holdfast.lock.spring.aop.Rooms;
import dev.holdfast.lock.spring.autoconfigure.LockStoreAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockTemplateAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.LockedAutoConfiguration;
import dev.holdfast.lock.spring.autoconfigure.observation.LockObservationAutoConfiguration;
import dev.holdfast.lock.spring.test.MailboxApplication;
import dev.holdfast.lock.spring.test.OrderEvents;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wired as Boot wires an application with actuator (a simple meter registry, the observation registry with Boot's
 * meter observation handler), every kind of lock used once: the {@code holdfast.*} meters found are exactly those of
 * the README's table, with its types and tag keys, and each meter has one set of tag keys. A {@link Mailboxes} bean
 * (as the mailboxes' auto-configuration declares it) adds the mailbox meters.
 */
class LockMetersTableTests {

    private static final String SECTION = "## Metrics, the `locks` endpoint and health";

    private static final Pattern ROW = Pattern.compile("^\\| `(holdfast\\.[a-z.]+)` \\| ([a-z ]+) \\| ([^|]+) \\|");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("holdfast.store=memory")
            .withConfiguration(AutoConfigurations.of(
                    ObservationAutoConfiguration.class,
                    MetricsAutoConfiguration.class,
                    CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class,
                    LockStoreAutoConfiguration.class,
                    LockTemplateAutoConfiguration.class,
                    LockedAutoConfiguration.class,
                    LockObservationAutoConfiguration.class,
                    LockMetricsAutoConfiguration.class,
                    MailboxMetricsAutoConfiguration.class))
            .withBean(Rooms.class)
            .withUserConfiguration(MailboxesConfiguration.class);

    @Test
    void shouldRegisterExactlyTheMetersOfTheReadmeTableWithOneSetOfTagKeysEach() throws IOException {
        Map<String, String> documented = documentedMeters();
        assertThat(documented).isNotEmpty();
        runner.run((context) -> {
            useEveryKindOfLock(context.getBean(LockTemplate.class), context.getBean(Rooms.class));
            assertThat(context.getBean(Mailboxes.class).call(OrderEvents.TYPE, 1, "paid"))
                    .isEqualTo("applied paid");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Map<String, Set<String>> found = new TreeMap<>();
            for (Meter meter : registry.getMeters()) {
                String name = meter.getId().getName();
                if (name.startsWith("holdfast.")) {
                    found.computeIfAbsent(name, (n) -> new TreeSet<>()).add(describe(meter));
                }
            }
            assertThat(found)
                    .allSatisfy((name, shapes) ->
                            assertThat(shapes).as("tag keys of %s", name).hasSize(1));
            Map<String, String> actual = new TreeMap<>();
            found.forEach((name, shapes) -> actual.put(name, shapes.iterator().next()));
            assertThat(actual).isEqualTo(documented);
        });
    }

    private static void useEveryKindOfLock(LockTemplate template, Rooms rooms) {
        Lease nice = template.acquire(LockRequest.of("room", 1).owner("nice").build());
        template.tryAcquire(LockRequest.of("room", 1).owner("other").build());
        template.acquire(LockRequest.of("room", 1).owner("vip").priority(5).build())
                .close();
        assertThat(nice.isHeld()).isFalse();
        rooms.lease("A-1");
        template.handles("desk", Duration.ofMinutes(1)).create(7, "Tom");
        LeasedSemaphore exports = template.semaphore("export", "pdf");
        exports.create(2);
        exports.acquire(1).close();
        template.readWriteLock("doc", 1)
                .acquireRead(PermitRequest.builder().build())
                .close();
    }

    private static String describe(Meter meter) {
        String type = meter.getId().getType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return type + " "
                + meter.getId().getTags().stream().map(Tag::getKey).sorted().toList();
    }

    /** The README's meter table (metrics section): name to type and sorted tag keys, as {@link #describe} says. */
    private static Map<String, String> documentedMeters() throws IOException {
        Map<String, String> meters = new TreeMap<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(Path.of("..", "README.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals(SECTION);
            }
            Matcher row = ROW.matcher(line);
            if (!inSection) {
                continue;
            }
            if (row.find()) {
                List<String> keys = Arrays.stream(row.group(3).split(","))
                        .map((cell) -> cell.strip().replaceAll("`([^`]+)`.*", "$1"))
                        .filter((key) -> !key.isEmpty())
                        .sorted()
                        .collect(Collectors.toList());
                meters.put(row.group(1), row.group(2).strip() + " " + keys);
            }
        }
        return meters;
    }

    @Configuration(proxyBeanMethods = false)
    static class MailboxesConfiguration {

        @Bean(destroyMethod = "close")
        Mailboxes mailboxes(LockTemplate template, LockStore store, ObjectProvider<MailboxListener> listeners) {
            return MailboxApplication.build(template, (MailboxStore) store, new OrderEvents(), listeners);
        }
    }
}
