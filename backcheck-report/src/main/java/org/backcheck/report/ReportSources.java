package org.backcheck.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The report's data files beside this class: the sources its method notes cite (sources.psv) and its styles. */
final class ReportSources {

    /** One cited source. */
    record Source(String id, String title, String publisher, String url) { }

    static final List<Source> ALL = load();

    private ReportSources() {
    }

    private static List<Source> load() {
        List<Source> out = new ArrayList<>();
        for (String line : text("sources.psv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            if (f.length != 5) {
                throw new IllegalStateException("report sources.psv: expected 5 fields (id|title|publisher|url|url_checked): " + line);
            }
            out.add(new Source(f[0], f[1], f[2], f[3]));
        }
        return List.copyOf(out);
    }

    /** A text resource beside this class; a missing one is a broken build. */
    static String text(String name) {
        try (InputStream in = ReportSources.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("report resource " + name + " is missing from the build");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .collect(Collectors.joining("\n", "", "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
