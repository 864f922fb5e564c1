package dev.holdfast.lock.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Markdown file of benchmark results, where each suite's generated table sits between two marker comments, so a
 * run replaces its own suite's table and leaves every other section and all hand-written text alone.
 */
public final class BenchmarkDocument {

    private static final String HEADER = "# Benchmarks\n\n"
            + "Each section is written by `lock-benchmarks/run.sh <suite>` (JMH, one fork) between its two marker"
            + " comments; text outside the markers is kept.\n";

    private BenchmarkDocument() {}

    /**
     * Replace (or append) one suite's section of the document.
     *
     * @param document the Markdown file, created when missing
     * @param suite the suite name
     * @param table the section's text
     * @throws IOException when the file cannot be read or written
     */
    public static void writeSection(Path document, String suite, String table) throws IOException {
        String begin = "<!-- suite:" + suite + ":begin -->";
        String end = "<!-- suite:" + suite + ":end -->";
        String text = Files.exists(document) ? Files.readString(document, StandardCharsets.UTF_8) : HEADER;
        String block = begin + "\n" + table.strip() + "\n" + end;
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + block + text.substring(to + end.length());
        } else {
            text = text.stripTrailing() + "\n\n## Suite `" + suite + "`\n\n" + block + "\n";
        }
        Path parent = document.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(document, text, StandardCharsets.UTF_8);
    }
}
