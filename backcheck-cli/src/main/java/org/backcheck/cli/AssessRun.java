package org.backcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.backcheck.guidance.Assessment;
import org.backcheck.guidance.Assessor;
import org.backcheck.service.AssessmentJson;
import org.backcheck.service.AssessmentText;

/** The work of {@code backcheck assess}, apart from the command so that its classes load only when it runs. */
final class AssessRun {

    private AssessRun() {
    }

    static void print(Path input, String format, PrintWriter out) throws IOException {
        boolean text = switch (format) {
            case "json" -> false;
            case "text" -> true;
            default -> throw new IllegalArgumentException("--format must be 'json' or 'text', not '" + format + "'");
        };
        byte[] json = input.toString().equals("-") ? System.in.readAllBytes() : Files.readAllBytes(input);
        Assessment assessment = Assessor.standard().assess(AssessmentJson.parseRequest(json));
        if (text) {
            out.print(AssessmentText.render(assessment));
        } else {
            out.println(AssessmentJson.writePretty(AssessmentJson.toJson(assessment)));
        }
        out.flush();
    }
}
