package org.backcheck.contract;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Contract rows written as a delimited text extract ({@link ContractRow#EXTRACT_COLUMNS}), fields
 * quoted as RFC 4180 requires (or always), gzip-compressed when the file name ends in {@code .gz}.
 * A missing value and empty text are both an empty field: delimited text cannot tell them apart.
 *
 * @param delimiter       the field separator
 * @param quoteAll        quote every field, not only those that need it
 * @param crlf            end lines with CR LF instead of LF
 * @param byteOrderMark   start the file with a UTF-8 byte order mark
 * @param lowerCaseHeader write the column names in lower case
 */
public record DelimitedExtract(char delimiter, boolean quoteAll, boolean crlf, boolean byteOrderMark,
                               boolean lowerCaseHeader) {

    /** Plain CSV: commas, LF, quoted only where needed. */
    public static final DelimitedExtract CSV = new DelimitedExtract(',', false, false, false, false);

    public Path write(Path file, List<ContractRow> rows) throws IOException {
        StringBuilder text = new StringBuilder(byteOrderMark ? "\uFEFF" : "");
        line(text, ContractRow.EXTRACT_COLUMNS.stream()
                .map(c -> lowerCaseHeader ? c.toLowerCase(Locale.ROOT) : c).toArray(String[]::new));
        for (ContractRow row : rows) {
            line(text, row.extractValues());
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = file.getFileName().toString().endsWith(".gz")
                ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    private void line(StringBuilder text, String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(delimiter);
            }
            String value = values[i] == null ? "" : values[i];
            boolean quote = quoteAll || value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0
                    || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0;
            text.append(quote ? '"' + value.replace("\"", "\"\"") + '"' : value);
        }
        text.append(crlf ? "\r\n" : "\n");
    }
}
