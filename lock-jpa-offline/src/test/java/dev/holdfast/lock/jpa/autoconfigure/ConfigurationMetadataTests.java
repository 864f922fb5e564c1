package dev.holdfast.lock.jpa.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** This module's generated configuration metadata: every property described in one sentence, with the code's defaults. */
class ConfigurationMetadataTests {

    /** The properties whose default is none. */
    private static final Set<String> WITHOUT_DEFAULT = Set.of("holdfast.jdbc.platform", "holdfast.rows.lock-timeout");

    @Test
    void shouldDescribeEveryPropertyInOneSentence() throws IOException {
        Map<String, Map<String, Object>> properties = properties();

        assertThat(properties.keySet())
                .allMatch((name) -> name.startsWith("holdfast.jdbc.")
                        || name.startsWith("holdfast.offline.")
                        || name.startsWith("holdfast.rows."))
                .contains(
                        "holdfast.jdbc.initialize-schema",
                        "holdfast.jdbc.schema",
                        "holdfast.jdbc.platform",
                        "holdfast.jdbc.continue-on-error",
                        "holdfast.jdbc.listen",
                        "holdfast.offline.idle-timeout",
                        "holdfast.offline.sweep.interval",
                        "holdfast.rows.max-attempts",
                        "holdfast.rows.advisor-order")
                .hasSize(19);
        properties.forEach((name, property) -> assertThat(String.valueOf(property.get("description")))
                .as(name)
                .matches("[A-Z@].*\\.")
                .doesNotStartWith("The ")
                .doesNotContainPattern("\\.\\s+[A-Z]"));
    }

    @Test
    void shouldStateTheDefaultsTheCodeUses() throws IOException {
        Map<String, String> defaults = new HashMap<>();
        properties().forEach((name, property) -> {
            if (!WITHOUT_DEFAULT.contains(name)) {
                assertThat(property).as(name).containsKey("defaultValue");
                defaults.put(name, String.valueOf(property.get("defaultValue")));
            }
        });
        Binder binder = new Binder(new MapConfigurationPropertySource(defaults));

        assertThat(binder.bindOrCreate("holdfast.jdbc", Bindable.of(HoldfastJdbcProperties.class)))
                .usingRecursiveComparison()
                .isEqualTo(new HoldfastJdbcProperties());
        assertThat(binder.bindOrCreate("holdfast.offline", Bindable.of(OfflineLockProperties.class)))
                .usingRecursiveComparison()
                .isEqualTo(new OfflineLockProperties());
        assertThat(binder.bindOrCreate("holdfast.rows", Bindable.of(RowLockingProperties.class)))
                .usingRecursiveComparison()
                .isEqualTo(new RowLockingProperties());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> properties() throws IOException {
        for (URL url : Collections.list(ConfigurationMetadataTests.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (json.contains(RowLockingProperties.class.getName())) {
                    List<Map<String, Object>> properties = JsonPath.parse(json).read("$.properties", List.class);
                    return properties.stream()
                            .collect(Collectors.toMap(
                                    (property) -> (String) property.get("name"), (property) -> property));
                }
            }
        }
        throw new AssertionError("No configuration metadata for " + RowLockingProperties.class.getName());
    }
}
