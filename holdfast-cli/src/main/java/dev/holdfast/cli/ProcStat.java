package dev.holdfast.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** What Linux's {@code /proc/<pid>/stat} says about a process: its state and its process group. */
record ProcStat(long pid, char state, long processGroup) {

    private static final Path PROC = Path.of("/proc");

    /** Whether the process is running or sleeping, not a zombie or dead. */
    boolean alive() {
        return this.state != 'Z' && this.state != 'X' && this.state != 'x';
    }

    /**
     * Reads one process's stat line.
     *
     * @param pid the process id
     * @return what it says, or {@code null} when there is no such process
     */
    static @Nullable ProcStat of(long pid) {
        try {
            String line = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
            // "pid (comm) state ppid pgrp ..."; comm may hold spaces and parentheses, so read after the last ')'
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new ProcStat(pid, fields[0].charAt(0), Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    /**
     * Whether a live process is in a process group.
     *
     * @param processGroup the group's id
     * @return {@code true} when one of its processes is not yet dead
     */
    static boolean anyAliveInGroup(long processGroup) {
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                ProcStat stat = of(Long.parseLong(process.getFileName().toString()));
                if (stat != null && stat.processGroup() == processGroup && stat.alive()) {
                    return true;
                }
            }
            return false;
        } catch (IOException ex) {
            throw new IllegalStateException("Cannot list " + PROC + ": " + ex.getMessage(), ex);
        }
    }
}
