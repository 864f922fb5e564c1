package dev.holdfast.sample;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The README's story list against the running sample application: every curl line of its section "The sample
 * application, story by story" is sent, in order, and answers what the line says; every endpoint of the sample is in
 * the list. The README cannot drift from the endpoints. The context is its own (a fresh database and lock store), as
 * the README's reader starts a fresh application. A line {@code NAME=$(curl … | jq -r '.field')} is sent too and keeps
 * that field of its answer for the {@code $NAME} of later lines.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "holdfast.instance-id=readme-stories")
class ReadmeStoryTests {

    private static final String SECTION = "## The sample application, story by story";

    /** A line that keeps a field of a curl line's JSON answer in a shell variable for later lines. */
    private static final Pattern CAPTURE = Pattern.compile("([A-Z_]+)=\\$\\((curl .*) \\| jq -r '\\.([^']+)'\\)");

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void shouldAnswerEveryCurlLineOfTheReadmeAsTheLineSays() {
        List<String> texts = readmeCurls();
        assertThat(texts).as("curl lines in the README's section " + SECTION).isNotEmpty();
        RestClient client = RestClient.create();
        SoftAssertions softly = new SoftAssertions();
        Map<String, String> variables = new HashMap<>();
        for (String text : texts) {
            Matcher capture = CAPTURE.matcher(text);
            CurlLine line = CurlLine.parse(substitute(capture.matches() ? capture.group(2) : text, variables));
            Answer answer = send(client, line);
            if (line.status() != null) {
                softly.assertThat(answer.status()).as(line.text()).isEqualTo(line.status());
            } else {
                softly.assertThat(answer.status()).as(line.text()).isBetween(200, 299);
            }
            if (answer.status() >= 400) {
                softly.assertThat(answer.contentType())
                        .as("content type of " + line.text())
                        .isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                softly.assertThat(detail(answer)).as("detail of " + line.text()).isNotBlank();
            }
            if (capture.matches()) {
                variables.put(capture.group(1), JsonPath.read(answer.body(), "$." + capture.group(3)));
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldListEveryEndpointOfTheSampleInTheReadme() {
        List<CurlLine> lines = readmeLines();
        List<String> missing = new ArrayList<>();
        this.mappings.getHandlerMethods().forEach((info, method) -> {
            if (isSample(method) && lines.stream().noneMatch((line) -> matches(info, line))) {
                missing.add(info.toString());
            }
        });

        assertThat(missing).as("endpoints without a curl line in the README").isEmpty();
        assertThat(lines).extracting(CurlLine::method).contains("GET", "POST", "PUT", "DELETE");
    }

    private static boolean isSample(HandlerMethod method) {
        return method.getBeanType().getPackageName().startsWith("dev.holdfast.sample");
    }

    private static boolean matches(RequestMappingInfo info, CurlLine line) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        boolean method =
                methods.isEmpty() || methods.stream().anyMatch((m) -> m.name().equals(line.method()));
        PathContainer path = PathContainer.parsePath(line.path());
        return method && info.getPathPatternsCondition().getPatterns().stream().anyMatch((p) -> p.matches(path));
    }

    private Answer send(RestClient client, CurlLine line) {
        RestClient.RequestBodySpec request = client.method(HttpMethod.valueOf(line.method()))
                .uri(URI.create("http://localhost:" + this.port + line.target()))
                .headers((headers) -> {
                    headers.setAccept(List.of(MediaType.ALL)); // as curl sends
                    line.headers().forEach(headers::set);
                });
        if (line.body() != null) {
            request.body(line.body());
        }
        return request.exchange((sent, response) -> new Answer(
                response.getStatusCode().value(),
                response.getHeaders().getContentType(),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static @Nullable String detail(Answer answer) {
        try {
            return JsonPath.read(answer.body(), "$.detail");
        } catch (RuntimeException ex) {
            return null;
        }
    }

    /** Replace each {@code $NAME} of a line by the value a line before kept. */
    private static String substitute(String text, Map<String, String> variables) {
        String result = text;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            result = result.replace("$" + variable.getKey(), variable.getValue());
        }
        return result;
    }

    static List<CurlLine> readmeLines() {
        List<CurlLine> curls = new ArrayList<>();
        for (String text : readmeCurls()) {
            Matcher capture = CAPTURE.matcher(text);
            curls.add(CurlLine.parse(capture.matches() ? capture.group(2) : text));
        }
        return curls;
    }

    /** The curl lines of the section, and the lines keeping a curl line's answer in a variable ({@link #CAPTURE}). */
    private static List<String> readmeCurls() {
        List<String> lines = readme();
        int start = lines.indexOf(SECTION);
        assertThat(start).as("the README's section " + SECTION).isNotNegative();
        List<String> curls = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            String text = line.strip();
            if (text.startsWith("curl ") || CAPTURE.matcher(text).matches()) {
                curls.add(text);
            }
        }
        return curls;
    }

    /** The README at the top of the project, found from the module's directory (where Maven runs the tests). */
    private static List<String> readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path readme = dir.resolve("README.md");
            if (Files.isRegularFile(readme) && Files.isDirectory(dir.resolve("sample-app"))) {
                try {
                    return Files.readAllLines(readme, StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    throw new IllegalStateException("Cannot read " + readme, ex);
                }
            }
        }
        throw new IllegalStateException(
                "No README.md beside sample-app above " + Path.of("").toAbsolutePath());
    }

    private record Answer(int status, @Nullable MediaType contentType, String body) {}
}
