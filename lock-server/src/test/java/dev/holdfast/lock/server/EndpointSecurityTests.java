package dev.holdfast.lock.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the server's controllers, read from Spring MVC's handler mapping (so a new endpoint cannot escape),
 * is refused without credentials (401), with wrong credentials (401), and to a client without the role it needs (403).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class EndpointSecurityTests {

    private static final Map<String, Object> BODY = Map.of("owner", "w1", "token", 1, "permits", 1);

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    List<Endpoints> endpoints() {
        List<Endpoints> endpoints = Endpoints.of(mapping);
        assertThat(endpoints).hasSizeGreaterThanOrEqualTo(20);
        return endpoints;
    }

    @Test
    void shouldRefuseEveryEndpointWithoutCredentials() {
        ServerClient anonymous = ServerClient.basic(port, null, null);
        ServerClient wrongPassword = ServerClient.basic(port, "alice", "wrong");
        ServerClient wrongKey = ServerClient.apiKey(port, "no-such-key");
        for (Endpoints endpoint : endpoints()) {
            String path = endpoint.path("sec");
            assertThat(anonymous.call(endpoint.method(), path, BODY).getStatusCode())
                    .as("%s without credentials", endpoint)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(wrongPassword.call(endpoint.method(), path, BODY).getStatusCode())
                    .as("%s with a wrong password", endpoint)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(wrongKey.call(endpoint.method(), path, BODY).getStatusCode())
                    .as("%s with an unknown API key", endpoint)
                    .isEqualTo(HttpStatus.UNAUTHORIZED);
        }
    }

    @Test
    void shouldRefuseEveryEndpointToAClientWithoutTheRoleItNeeds() {
        ServerClient nobody = ServerClient.basic(port, "nobody", "n");
        ServerClient reader = ServerClient.basic(port, "reader", "r");
        ServerClient locker = ServerClient.basic(port, "alice", "a");
        ServerClient jobsOnly = ServerClient.basic(port, "jobs", "j");
        for (Endpoints endpoint : endpoints()) {
            String path = endpoint.path("sec");
            assertThat(nobody.call(endpoint.method(), path, BODY).getStatusCode())
                    .as("%s by a client without roles", endpoint)
                    .isEqualTo(HttpStatus.FORBIDDEN);
            // Sessions are the calling client's own, for LOCK; every other GET is for READ.
            if (endpoint.method() == HttpMethod.GET && !endpoint.pattern().contains("sessions")) {
                assertThat(jobsOnly.call(endpoint.method(), path, BODY).getStatusCode())
                        .as("%s by a client without READ", endpoint)
                        .isEqualTo(HttpStatus.FORBIDDEN);
            } else {
                assertThat(reader.call(endpoint.method(), path, BODY).getStatusCode())
                        .as("%s by a reader", endpoint)
                        .isEqualTo(HttpStatus.FORBIDDEN);
            }
            boolean admin = endpoint.method() == HttpMethod.DELETE
                            && !endpoint.pattern().contains("sessions")
                    || endpoint.method() == HttpMethod.PUT;
            if (admin) {
                assertThat(locker.call(endpoint.method(), path, BODY).getStatusCode())
                        .as("%s by a locker without ADMIN", endpoint)
                        .isEqualTo(HttpStatus.FORBIDDEN);
            }
            if (endpoint.method() == HttpMethod.POST && endpoint.pattern().contains("{ns}")) {
                assertThat(jobsOnly.call(endpoint.method(), path, BODY).getStatusCode())
                        .as("%s in a namespace the client was not granted", endpoint)
                        .isEqualTo(HttpStatus.FORBIDDEN);
                assertThat(jobsOnly.call(endpoint.method(), endpoint.path("jobs"), BODY)
                                .getStatusCode())
                        .as("%s in the client's namespace", endpoint)
                        .isNotIn(HttpStatus.FORBIDDEN, HttpStatus.UNAUTHORIZED);
            }
        }
    }

    @Test
    void shouldLockForTheClientOfAnApiKeyAndRefuseAnotherClientsRelease() {
        String lock = "/api/v1/locks/sec/" + UUID.randomUUID();
        ServerClient carol = ServerClient.apiKey(port, "key-of-carol");

        Map<String, Object> grant =
                carol.post(lock + "/acquire", Map.of("owner", "w1")).getBody();

        assertThat(carol.get(lock).getBody().get("holder")).asString().contains("carol/w1");
        ServerClient alice = ServerClient.basic(port, "alice", "a");
        assertThat(alice.post(lock + "/renew", Map.of("owner", "w1", "token", grant.get("token")))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(alice.post(lock + "/release", Map.of("owner", "w1", "token", grant.get("token")))
                        .getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(carol.post(lock + "/release", Map.of("owner", "w1", "token", grant.get("token")))
                        .getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void shouldLeaveHealthOpen() {
        assertThat(ServerClient.basic(port, null, null).get("/actuator/health").getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }
}
