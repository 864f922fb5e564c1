package dev.holdfast.lock.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HoldfastPropertiesMetadataTests {

    @Test
    void shouldDescribeEveryPropertyWithItsDefault() throws IOException {
        Map<String, Map<String, Object>> properties = holdfastProperties();

        assertThat(properties)
                .containsKeys(
                        "holdfast.store",
                        "holdfast.default-lease",
                        "holdfast.default-wait",
                        "holdfast.watchdog-period",
                        "holdfast.instance-id",
                        "holdfast.advisor-order",
                        "holdfast.redis.key-prefix");
        properties.forEach((name, property) -> assertThat(property.get("description"))
                .as(name)
                .asString()
                .isNotBlank()
                .doesNotStartWith("The "));
        assertThat(properties.get("holdfast.store")).containsEntry("defaultValue", "auto");
        assertThat(properties.get("holdfast.default-lease")).containsEntry("defaultValue", "30s");
        assertThat(properties.get("holdfast.watchdog-period")).containsEntry("defaultValue", "1s");
        assertThat(properties.get("holdfast.redis.key-prefix")).containsEntry("defaultValue", "holdfast");
        assertThat(((Number) properties.get("holdfast.advisor-order").get("defaultValue")).intValue())
                .isEqualTo(HoldfastProperties.DEFAULT_ADVISOR_ORDER);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> holdfastProperties() throws IOException {
        for (URL url : Collections.list(HoldfastPropertiesMetadataTests.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            String json;
            try (InputStream in = url.openStream()) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (json.contains(HoldfastProperties.class.getName())) {
                List<Map<String, Object>> properties = JsonPath.parse(json).read("$.properties", List.class);
                return properties.stream()
                        .filter((property) -> String.valueOf(property.get("sourceType"))
                                .startsWith(HoldfastProperties.class.getName()))
                        .collect(Collectors.toMap((property) -> (String) property.get("name"), (property) -> property));
            }
        }
        throw new AssertionError("No configuration metadata for " + HoldfastProperties.class.getName());
    }
}
