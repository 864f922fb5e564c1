package dev.holdfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's curl examples (its section {@value #SECTION}) run with {@code bash} against a started server, block by
 * block, and every answer compared with the comment under its line: a status ({@code # 204}) exactly, a JSON answer
 * member by member (strings equal unless written {@code …}, the numbers in {@link #EXACT} equal, other numbers only
 * numbers). The README cannot drift from the API.
 */
class ReadmeCurlTests {

    static final String SECTION = "### curl";

    private static final Set<String> EXACT = Set.of("status", "leaseMs", "ttlMs", "permits", "inUse", "waiters");

    private static final String END = "@@holdfast-readme-line-end@@";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static LockServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() {
        server = LockServer.shared();
    }

    @Test
    void shouldAnswerEveryCurlLineOfTheReadmeAsItsCommentSays() throws Exception {
        List<List<Line>> blocks = blocks();
        assertThat(blocks)
                .as("bash blocks with curl lines in the README's " + SECTION)
                .hasSizeGreaterThanOrEqualTo(3);
        assertThat(blocks.stream().flatMap(List::stream).map(Line::command))
                .anyMatch((command) -> command.contains("/locks/") && command.contains("/acquire"))
                .anyMatch((command) -> command.contains("/renew"))
                .anyMatch((command) -> command.contains("/release"))
                .anyMatch((command) -> command.contains("/sessions"))
                .anyMatch((command) -> command.contains("/semaphores/"));
        SoftAssertions softly = new SoftAssertions();
        for (List<Line> block : blocks) {
            List<String> outputs = run(block);
            for (int i = 0; i < block.size(); i++) {
                Line line = block.get(i);
                String output = (i < outputs.size()) ? outputs.get(i).strip() : "<no output: the block stopped>";
                if (line.expected() != null) {
                    check(softly, line, output);
                }
            }
        }
        softly.assertAll();
    }

    private static void check(SoftAssertions softly, Line line, String output) {
        String expected = line.expected();
        if (expected.matches("\\d{3}")) {
            softly.assertThat(output).as(line.command()).isEqualTo(expected);
            return;
        }
        JsonNode want = JSON.readTree(expected);
        JsonNode got;
        try {
            got = JSON.readTree(output);
        } catch (JacksonException ex) {
            softly.fail("%s%nanswered no JSON: %s", line.command(), output);
            return;
        }
        List<String> differences = new ArrayList<>();
        compare("", want, got, differences);
        softly.assertThat(differences)
                .as(line.command() + "\nanswered " + output)
                .isEmpty();
    }

    private static void compare(String path, JsonNode want, @Nullable JsonNode got, List<String> differences) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        if (got == null || got.isMissingNode()) {
            differences.add(path + " missing");
        } else if (want.isObject()) {
            for (Map.Entry<String, JsonNode> member : want.properties()) {
                compare(path + "." + member.getKey(), member.getValue(), got.get(member.getKey()), differences);
            }
        } else if (want.isString() && !want.asString().equals("…")) {
            if (!got.isString() || !got.asString().equals(want.asString())) {
                differences.add(path + " is " + got + ", not " + want);
            }
        } else if (want.isNumber() && (!got.isNumber() || (EXACT.contains(name) && !got.equals(want)))) {
            differences.add(path + " is " + got + ", not " + (EXACT.contains(name) ? want : "a number"));
        } else if (want.isNull() && !got.isNull()) {
            differences.add(path + " is " + got + ", not null");
        }
    }

    /** Runs one block in one bash, each line's output followed by a marker; the outputs, line by line. */
    private List<String> run(List<Line> block) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (Line line : block) {
            script.append(line.command().replace("localhost:8080", "localhost:" + server.port()))
                    .append("\nprintf '\\n%s\\n' '")
                    .append(END)
                    .append("'\n");
        }
        Process bash = new ProcessBuilder("bash", "-c", script.toString())
                .directory(this.dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return List.of(output.split("\n" + END + "\n", -1));
    }

    /** The bash blocks of the section that hold curl lines, each as its commands with the answers they expect. */
    static List<List<Line>> blocks() throws IOException {
        List<String> readme = Files.readAllLines(Project.root().resolve("README.md"), StandardCharsets.UTF_8);
        int start = readme.indexOf(SECTION);
        assertThat(start).as("the README's section " + SECTION).isNotNegative();
        List<List<Line>> blocks = new ArrayList<>();
        List<Line> block = null;
        for (String text : readme.subList(start + 1, readme.size())) {
            if (text.startsWith("## ") || text.startsWith("### ")) {
                break;
            }
            if (text.equals("```bash")) {
                block = new ArrayList<>();
            } else if (text.equals("```") && block != null) {
                if (block.stream().anyMatch((line) -> line.command().contains("curl "))) {
                    blocks.add(block);
                }
                block = null;
            } else if (block != null && text.startsWith("# ") && !block.isEmpty() && isAnswer(text.substring(2))) {
                Line last = block.remove(block.size() - 1);
                block.add(new Line(last.command(), text.substring(2).strip()));
            } else if (block != null && !text.isBlank() && !text.startsWith("#")) {
                block.add(new Line(text, null));
            }
        }
        return blocks;
    }

    private static boolean isAnswer(String comment) {
        return comment.startsWith("{") || comment.strip().matches("\\d{3}");
    }

    /** A command of a block and the answer written under it, if any. */
    record Line(String command, @Nullable String expected) {}
}
