package org.backcheck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A second JVM on the tests' own class path, for what only a fresh process shows (class loading, startup logs). */
final class ChildJvm {

    private ChildJvm() {
    }

    /** A process running {@code java -cp <the tests' class path> args...}. */
    static ProcessBuilder java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}
