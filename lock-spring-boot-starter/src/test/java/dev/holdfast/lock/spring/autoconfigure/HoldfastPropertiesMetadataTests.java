package dev.holdfast.lock.spring.autoconfigure;

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
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The generated configuration metadata: every property described in one sentence, with the defaults the code uses. */
class HoldfastPropertiesMetadataTests {

    @Test
    void shouldDescribeEveryPropertyInOneSentence() throws IOException {
        Map<String, Map<String, Object>> properties = holdfastProperties();

        assertThat(properties)
                .containsOnlyKeys(
                        "holdfast.store",
                        "holdfast.default-lease",
                        "holdfast.default-wait",
                        "holdfast.watchdog-period",
                        "holdfast.instance-id",
                        "holdfast.advisor-order",
                        "holdfast.redis.key-prefix",
                        "holdfast.redis.replicas-to-ack",
                        "holdfast.redis.replica-ack-timeout",
                        "holdfast.web.expose-owner",
                        "holdfast.web.problem-details.enabled",
                        "holdfast.integration.enabled",
                        "holdfast.integration.namespace",
                        "holdfast.integration.lease",
                        "holdfast.shedlock.enabled",
                        "holdfast.shedlock.namespace",
                        "holdfast.shedlock.keep-alive",
                        "holdfast.mailbox.call-timeout",
                        "holdfast.mailbox.types",
                        "management.health.holdfast.enabled");
        properties.forEach((name, property) -> assertThat(String.valueOf(property.get("description")))
                .as(name)
                .matches("[A-Z@].*\\.")
                .doesNotStartWith("The ")
                .doesNotContainPattern("\\.\\s+[A-Z]"));
    }

    @Test
    void shouldStateTheDefaultsTheCodeUses() throws IOException {
        Map<String, Map<String, Object>> properties = holdfastProperties();
        Map<String, String> defaults = new HashMap<>();
        properties.forEach((name, property) -> {
            if (name.startsWith("holdfast.")
                    && !name.equals("holdfast.instance-id")
                    && !name.equals("holdfast.mailbox.types")) {
                assertThat(property).as(name).containsKey("defaultValue");
                defaults.put(name, String.valueOf(property.get("defaultValue")));
            }
        });

        HoldfastProperties stated = new Binder(new MapConfigurationPropertySource(defaults))
                .bindOrCreate("holdfast", Bindable.of(HoldfastProperties.class));

        assertThat(stated).usingRecursiveComparison().isEqualTo(new HoldfastProperties());
        assertThat(properties.get("holdfast.default-lease")).containsEntry("defaultValue", "30s");
        assertThat(properties.get("holdfast.store")).containsEntry("defaultValue", "auto");
        assertThat(properties.get("holdfast.web.expose-owner")).containsEntry("defaultValue", false);
        assertThat(properties.get("holdfast.web.problem-details.enabled"))
                .containsEntry("type", "java.lang.Boolean")
                .containsEntry("defaultValue", true);
        assertThat(properties.get("management.health.holdfast.enabled"))
                .containsEntry("type", "java.lang.Boolean")
                .containsEntry("defaultValue", true);
    }

    @Test
    void shouldListTheStoresWithJpaAsDeprecatedName() throws IOException {
        List<Map<String, Object>> values =
                JsonPath.parse(starterMetadata()).read("$.hints[?(@.name == 'holdfast.store')].values[*]", List.class);

        assertThat(values)
                .extracting((value) -> value.get("value"))
                .containsExactly("auto", "redis", "jdbc", "memory", "jpa");
        assertThat(values.get(4).get("description")).asString().startsWith("Deprecated");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> holdfastProperties() throws IOException {
        List<Map<String, Object>> properties = JsonPath.parse(starterMetadata()).read("$.properties", List.class);
        return properties.stream()
                .filter((property) -> String.valueOf(property.get("name")).startsWith("holdfast.")
                        || String.valueOf(property.get("name")).equals("management.health.holdfast.enabled"))
                .collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property));
    }

    private static String starterMetadata() throws IOException {
        for (URL url : Collections.list(HoldfastPropertiesMetadataTests.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (json.contains(HoldfastProperties.class.getName())) {
                    return json;
                }
            }
        }
        throw new AssertionError("No configuration metadata for " + HoldfastProperties.class.getName());
    }
}
