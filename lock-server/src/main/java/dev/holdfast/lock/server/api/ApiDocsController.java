package dev.holdfast.lock.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

/**
 * Serves the hand-written OpenAPI document ({@code docs/lock-server-openapi.yaml}, copied into the jar by the build)
 * as it is at {@code /v3/api-docs.yaml}, and as JSON at {@code /v3/api-docs}.
 */
@RestController
class ApiDocsController {

    static final String DOCUMENT = "openapi/lock-server-openapi.yaml";

    private final String yaml;

    private final Map<String, Object> json;

    ApiDocsController() {
        try (InputStream in = new ClassPathResource(DOCUMENT).getInputStream()) {
            this.yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("The OpenAPI document " + DOCUMENT + " is missing from the jar", ex);
        }
        this.json = new Yaml().load(yaml);
    }

    @GetMapping(value = "/v3/api-docs.yaml", produces = "application/yaml")
    String yaml() {
        return yaml;
    }

    @GetMapping(value = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> json() {
        return json;
    }
}
