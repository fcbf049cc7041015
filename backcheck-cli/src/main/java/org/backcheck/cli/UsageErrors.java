package org.backcheck.cli;

import java.util.ArrayList;
import java.util.List;
import org.backcheck.extract.Excerpt;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Command-line mistakes reported all at once. picocli stops at the first kind it finds, so that
 * an unknown (often misspelt) option together with a missing required one showed only the missing
 * one, and the user learnt of the other on the next try. This adds the other kind, in picocli's own
 * words, before picocli's message and usage help (exit 2 as before).
 */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    private final CommandLine.IParameterExceptionHandler picocli;

    UsageErrors(CommandLine.IParameterExceptionHandler picocli) {
        this.picocli = picocli;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) throws Exception {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        List<String> words = wordsOf(spec, args);
        List<String> unknown = unknown(spec, words);
        List<String> missing = missing(spec, words);
        var err = ex.getCommandLine().getErr();
        if (!(ex instanceof CommandLine.UnmatchedArgumentException) && !unknown.isEmpty()) {
            err.println("Unknown option" + (unknown.size() > 1 ? "s" : "") + ": " + String.join(", ", unknown));
        }
        if (!(ex instanceof CommandLine.MissingParameterException) && !missing.isEmpty()) {
            err.println("Missing required option" + (missing.size() > 1 ? "s" : "") + ": " + String.join(", ", missing));
        }
        if (ex.getCause() instanceof CommandLine.TypeConversionException) {
            // A value that names none of an option's values: the message lists them; no usage dump.
            err.println(Excerpt.escapeMessage("backcheck: " + ex.getMessage()));
            err.println("Run '" + spec.qualifiedName() + " --help' for the options.");
            return ExitCodes.USAGE;
        }
        return picocli.handleParseException(ex, args);
    }

    /** The arguments after the (sub)command's name: all of them for the top command. */
    private static List<String> wordsOf(CommandSpec spec, String[] args) {
        List<String> all = List.of(args);
        int at = spec.parent() == null ? -1 : all.indexOf(spec.name());
        return all.subList(at + 1, all.size());
    }

    /** Words that look like options the command does not have, skipping the values of those it has. */
    private static List<String> unknown(CommandSpec spec, List<String> words) {
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--")) {
                break;
            }
            if (!w.startsWith("-") || w.equals("-")) {
                continue;
            }
            String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            OptionSpec option = spec.findOption(name);
            if (option == null) {
                unknown.add("'" + w + "'");
            } else if (!w.contains("=") && option.arity().min() > 0) {
                i++; // its value, whatever it looks like
            }
        }
        return unknown;
    }

    /** Required options none of whose names is given, as picocli names them: {@code '--out=DIR'}. */
    private static List<String> missing(CommandSpec spec, List<String> words) {
        List<String> missing = new ArrayList<>();
        for (OptionSpec option : spec.requiredArgs().stream().filter(OptionSpec.class::isInstance).map(OptionSpec.class::cast).toList()) {
            boolean given = false;
            for (String name : option.names()) {
                given |= words.stream().anyMatch(w -> w.equals(name) || w.startsWith(name + "="));
            }
            if (!given) {
                missing.add("'" + option.longestName() + "=" + option.paramLabel() + "'");
            }
        }
        return missing;
    }
}
