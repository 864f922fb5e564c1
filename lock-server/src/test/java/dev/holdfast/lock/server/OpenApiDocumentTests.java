package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpenApiDocumentTests {

    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Test
    void shouldServeTheDocumentOfDocsAsItIs() throws IOException {
        String checkedIn = Files.readString(Path.of("../docs/lock-server-openapi.yaml"));

        ResponseEntity<String> served = RestClient.create("http://localhost:" + port)
                .get()
                .uri("/v3/api-docs.yaml")
                .headers((headers) -> headers.setBasicAuth("reader", "r"))
                .retrieve()
                .toEntity(String.class);

        assertThat(served.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(served.getBody()).isEqualTo(checkedIn);
        Map<String, Object> json =
                ServerClient.basic(port, "reader", "r").get("/v3/api-docs").getBody();
        assertThat(json).containsEntry("openapi", "3.1.0").containsKey("paths");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDocumentEveryEndpointAndMapEveryDocumentedPath() throws IOException {
        Map<String, Object> document = new Yaml().load(Files.readString(Path.of("../docs/lock-server-openapi.yaml")));
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) document.get("paths");
        Set<String> documented = new HashSet<>();
        paths.forEach((path, item) -> item.keySet().stream()
                .filter(OPERATIONS::contains)
                .forEach((operation) -> documented.add(operation + " " + normalized(path))));
        List<Endpoints> endpoints = Endpoints.of(mapping);
        Set<String> mapped = new HashSet<>();
        endpoints.forEach((endpoint) -> mapped.add(endpoint.operation() + " " + normalized(endpoint.pattern())));

        assertThat(endpoints).isNotEmpty();
        assertThat(documented)
                .as("endpoints missing from docs/lock-server-openapi.yaml")
                .containsAll(mapped);
        assertThat(mapped).as("documented paths no controller maps").containsAll(documented);
    }

    /** A path with its variables' names dropped, so that {id} and {session} compare equal. */
    private static String normalized(String path) {
        return path.replaceAll("\\{[^}]+}", "{}");
    }
}
