package dev.holdfast.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's top directory, found from the module's directory (where Maven runs the tests). */
final class Project {

    private Project() {}

    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("holdfast-cli"))) {
                return dir;
            }
        }
        throw new IllegalStateException(
                "No README.md beside holdfast-cli above " + Path.of("").toAbsolutePath());
    }
}
