package org.backcheck.service.cdshooks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.backcheck.guidance.Pathology;
import org.backcheck.guidance.RedFlag;
import org.backcheck.guidance.RedFlags;

/**
 * Reads the CDS Hooks service's data files in {@code org/backcheck/cds/} (pipe-separated, a header
 * row, {@code #} comments) and checks what a reviewer would: every row has its columns, every
 * {@code means} is one of the engine's ids and fits the row's grade, every citation names a source
 * the engine knows. A file that fails a check stops the service from starting.
 */
final class CdsData {

    private CdsData() {
    }

    static List<String[]> rows(String name, int columns) {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = CdsData.class.getResourceAsStream("/org/backcheck/cds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource org/backcheck/cds/" + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            int lineNo = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNo++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split("\\|", -1);
                if (cells.length != columns) {
                    throw new IllegalStateException(name + " line " + lineNo + ": expected " + columns + " columns, found "
                            + cells.length);
                }
                if (header) {
                    header = false;
                    continue;
                }
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = cells[i].strip();
                }
                rows.add(cells);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /**
     * A red flag must say which engine item it is (a red-flag id of grade red_flag, or a pathology);
     * a risk factor or noted item may name a risk-factor id; other grades name nothing.
     */
    static void checkMeans(String file, String row, Grade grade, String means) {
        RedFlag flag = means == null ? null : RedFlags.vocabulary().get(means);
        boolean pathology = means != null && java.util.Arrays.stream(Pathology.values()).anyMatch(p -> p.id().equals(means));
        boolean ok = switch (grade) {
            case RED_FLAG -> flag != null && !flag.isRiskFactor() || pathology;
            case RISK_FACTOR, NOTED -> means == null || flag != null && flag.isRiskFactor();
            default -> means == null;
        };
        if (!ok) {
            throw new IllegalStateException(file + ": row '" + row + "' (" + grade.id() + ") cannot mean '" + means + "'");
        }
    }

    /** Every citation is SOURCE:locator with a source from the engine's sources.csv. */
    static void checkCitations(String file, String row, String citations) {
        for (String c : citations.split(";")) {
            int colon = c.indexOf(':');
            if (colon <= 0 || !RedFlags.sources().containsKey(c.substring(0, colon).strip())) {
                throw new IllegalStateException(file + ": row '" + row + "' cites '" + c + "', not a known source");
            }
        }
    }
}
