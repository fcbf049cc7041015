package org.backcheck.audit;

import java.io.IOException;
import org.backcheck.classify.Classifier;

/**
 * The start of an extract: its first chunk, the length of any UTF-8 byte-order mark, the header,
 * and which columns feed the scanner.
 */
record ExtractStart(InputChunks.Chunk first, int bom, Header header, RecordScanner.Layout layout) {

    /** Where the data rows start in {@link #first}. */
    int dataStart() {
        return bom + header.bytesIncludingLineEnd();
    }

    static ExtractStart read(InputChunks chunks, AuditOptions options, Classifier classifier) throws IOException {
        InputChunks.Chunk first = chunks.next();
        if (first == null) {
            throw new ExtractFormatException("the file is empty: an extract needs a header line naming its columns");
        }
        int bom = hasBom(first) ? 3 : 0;
        int limit = options.maxRecordBytes();
        while (!chunks.exhausted() && first.length() - bom <= limit
                && !Header.complete(first.bytes(), bom, first.length(), options.delimiter(), limit)) {
            // A quoted column name holding a line feed, cut by the chunking: read on.
            InputChunks.Chunk more = chunks.next();
            if (more == null) {
                break;
            }
            if (more.skippedBefore() > 0) {
                throw Header.tooLong(limit);
            }
            first = more.prependedWith(first.bytes(), first.length());
        }
        Header header = Header.read(first.bytes(), bom, first.length(), options.delimiter(), limit);
        try {
            return new ExtractStart(first, bom, header, ColumnMapping.layout(header, classifier, options.idColumn()));
        } catch (ExtractFormatException e) {
            if (options.delimiter() == null) {
                throw e;
            }
            throw withDelimiterHint(e, first, bom, header, classifier, options);
        }
    }

    /**
     * A header that lacks needed columns when split at the {@code --delimiter} given, but has them
     * all when split at the delimiter detection finds: says so, and which delimiter to give.
     */
    private static ExtractFormatException withDelimiterHint(ExtractFormatException e, InputChunks.Chunk first, int bom,
                                                            Header given, Classifier classifier, AuditOptions options) {
        Header detected;
        try {
            detected = Header.read(first.bytes(), bom, first.length(), null, options.maxRecordBytes());
            ColumnMapping.layout(detected, classifier, options.idColumn());
        } catch (ExtractFormatException notThat) {
            return e;
        }
        if (detected.delimiter() == given.delimiter()) {
            return e;
        }
        return new ExtractFormatException("with --delimiter " + given.delimiterOption() + " the header line splits into "
                + given.names().size() + " column(s) and lacks needed ones, but split at the " + detected.delimiterName()
                + " it has them all: give --delimiter " + detected.delimiterOption()
                + ", or leave --delimiter out to have it detected");
    }

    private static boolean hasBom(InputChunks.Chunk c) {
        byte[] b = c.bytes();
        return c.length() >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF;
    }
}
