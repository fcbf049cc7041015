package org.backcheck.audit;

import java.io.IOException;
import org.backcheck.classify.Classifier;
import org.backcheck.extract.Delimiter;
import org.backcheck.extract.Header;
import org.backcheck.extract.SlotLayout;
import org.backcheck.extract.UnreadableExtractException;

/**
 * The start of an extract: its first chunk, the header (read after any UTF-8 byte-order mark),
 * and which columns feed the scanner.
 */
record ExtractStart(InputChunks.Chunk first, Header header, SlotLayout layout) {

    /** Where the data rows start in {@link #first}. */
    int dataStart() {
        return header.dataStart();
    }

    static ExtractStart read(InputChunks chunks, AuditOptions options, Classifier classifier) throws IOException {
        InputChunks.Chunk first = chunks.next();
        if (first == null) {
            throw new UnreadableExtractException("the file is empty: an extract needs a header line naming its columns");
        }
        int bom = Header.bomLength(first.bytes(), first.length());
        int limit = options.maxRecordBytes();
        Delimiter given = Delimiter.orDetect(options.delimiter());
        while (!chunks.exhausted() && first.length() - bom <= limit
                && !Header.complete(first.bytes(), bom, first.length(), given, limit)) {
            // A quoted column name holding a line feed, cut by the chunking: read on.
            InputChunks.Chunk more = chunks.next();
            if (more == null) {
                break;
            }
            if (more.skippedBefore() > 0) {
                throw headerTooLong(limit);
            }
            first = more.prependedWith(first.bytes(), first.length());
        }
        Header header = Header.read(first.bytes(), bom, first.length(), given, headerLimit(limit));
        try {
            return new ExtractStart(first, header, SlotLayout.ofHeader(header, classifier.columns(), options.idColumn()));
        } catch (UnreadableExtractException e) {
            if (given == null) {
                throw e;
            }
            throw withDelimiterHint(e, first, bom, header, classifier, options);
        }
    }

    /** The header line may be as long as a record: {@code --max-record-bytes}. */
    static Header.Limit headerLimit(int maxRecordBytes) {
        return new Header.Limit(maxRecordBytes, "the header line (the first line) is longer than --max-record-bytes ("
                + ByteCount.text(maxRecordBytes) + "): is this a delimited text extract? If it is, raise --max-record-bytes");
    }

    /** The header line is longer than the record limit. */
    static UnreadableExtractException headerTooLong(int maxRecordBytes) {
        return headerLimit(maxRecordBytes).exceeded();
    }

    /**
     * A header that lacks needed columns when split at the {@code --delimiter} given, but has them
     * all when split at the delimiter detection finds: says so, and which delimiter to give.
     */
    private static UnreadableExtractException withDelimiterHint(UnreadableExtractException e, InputChunks.Chunk first,
                                                                int bom, Header given, Classifier classifier,
                                                                AuditOptions options) {
        Header detected;
        try {
            detected = Header.read(first.bytes(), bom, first.length(), null, headerLimit(options.maxRecordBytes()));
            SlotLayout.ofHeader(detected, classifier.columns(), options.idColumn());
        } catch (UnreadableExtractException notThat) {
            return e;
        }
        if (detected.delimiter() == given.delimiter()) {
            return e;
        }
        return new UnreadableExtractException("with --delimiter " + given.delimiter().option() + " the header line splits into "
                + given.names().size() + " column(s) and lacks needed ones, but split at the "
                + detected.delimiter().displayName() + " it has them all: give --delimiter " + detected.delimiter().option()
                + ", or leave --delimiter out to have it detected");
    }
}
