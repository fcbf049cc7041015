package org.backcheck.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.backcheck.extract.Excerpt;
import org.backcheck.extract.UnreadableExtractException;
import org.backcheck.audit.FolderInUseException;
import org.backcheck.guidance.InvalidAssessmentException;
import picocli.CommandLine;

/** Turns exceptions into one clear line on stderr and the documented exit code. */
final class Failures implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        var err = cmd.getErr();
        int code = report(e, cmd, err);
        err.flush();
        return code;
    }

    /**
     * Every line goes through {@link Excerpt}: messages quote at most short excerpts of an input,
     * and no control character (ESC and the like) from a file or its name reaches the terminal.
     */
    private static int report(Exception e, CommandLine cmd, java.io.PrintWriter err) {
        if (e instanceof UnreadableExtractException) {
            say(err, "backcheck: cannot audit this extract: " + e.getMessage());
            return ExitCodes.BAD_EXTRACT;
        }
        if (e instanceof FolderInUseException) {
            say(err, "backcheck: " + e.getMessage());
            return ExitCodes.FOLDER_IN_USE;
        }
        if (e instanceof InvalidAssessmentException invalid) {
            // The message starts with the field as the JSON names it: "age: must be a whole number, ..."
            say(err, "backcheck: cannot assess this case: " + invalid.getMessage());
            return ExitCodes.USAGE;
        }
        IOException io = e instanceof IOException i ? i : e instanceof UncheckedIOException u ? u.getCause() : null;
        if (io != null) {
            say(err, "backcheck: " + describe(io, cmd.getCommandName()));
            return ExitCodes.IO;
        }
        if (e instanceof IllegalArgumentException) {
            say(err, "backcheck: " + e.getMessage());
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCodes.USAGE;
        }
        // A bug: the exception's class and an excerpt of its message (which might quote input), and where.
        err.println("backcheck: internal error: " + e.getClass().getName() + ": " + Excerpt.of(e.getMessage()));
        for (StackTraceElement el : e.getStackTrace()) {
            err.println("    at " + el);
        }
        err.println("This is a bug in Backcheck; please report it with the lines above.");
        return ExitCodes.INTERNAL;
    }

    private static void say(java.io.PrintWriter err, String message) {
        err.println(Excerpt.escapeMessage(message));
    }

    private static String describe(IOException e, String command) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile() + ". Check the path"
                    + (command.equals("assess") ? "." : "; 'backcheck generate' makes a sample extract.");
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof java.util.zip.ZipException) {
            return "the input looks gzip-compressed but cannot be decompressed: " + e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
