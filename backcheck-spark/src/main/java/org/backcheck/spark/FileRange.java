package org.backcheck.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a CSV file that one task classifies: whole records, from the first record that
 * starts in a segment to the end of the last one (which may run on into the next segments).
 *
 * @param file       the file's position in the input's list of files
 * @param start      first byte (for a {@code .gz} file: in the decompressed text)
 * @param end        the byte after the last record ({@link Long#MAX_VALUE} for "to the end of the file")
 * @param rowsBefore data rows before this range in the whole input, for row numbers
 * @param records    how many records the range holds, as the segments' shapes said; the task checks it
 */
record FileRange(int file, long start, long end, long rowsBefore, long records) implements Serializable {

    /**
     * Chains the segments of each file in order (the first begins a record; each one's end tells how
     * the next begins) and gives the ranges to classify, in input order.
     *
     * @param shapes every segment of every file, in file order then segment order
     * @param fileLengths each file's length (decompressed files: {@link Long#MAX_VALUE})
     */
    static List<FileRange> chain(List<SegmentShape> shapes, long[] fileLengths) {
        List<FileRange> ranges = new ArrayList<>();
        long rows = 0;
        int i = 0;
        while (i < shapes.size()) {
            int file = shapes.get(i).file();
            int j = i;
            List<long[]> owned = new ArrayList<>(); // {start, records}
            boolean inRecord = false;
            for (; j < shapes.size() && shapes.get(j).file() == file; j++) {
                SegmentShape.Reading r = inRecord ? shapes.get(j).inOpenField() : shapes.get(j).atRecordStart();
                if (r.firstRecord() >= 0) {
                    owned.add(new long[] {r.firstRecord(), r.records()});
                } else if (r.records() != 0) {
                    throw new IllegalStateException("a segment with no record start has records");
                }
                inRecord = r.endsInRecord();
            }
            if (inRecord) {
                throw new IllegalStateException("file " + file + " ends inside a record");
            }
            for (int k = 0; k < owned.size(); k++) {
                long start = owned.get(k)[0];
                long end = k + 1 < owned.size() ? owned.get(k + 1)[0] : fileLengths[file];
                long records = owned.get(k)[1];
                if (end > start) {
                    ranges.add(new FileRange(file, start, end, rows, records));
                } else if (records != 0) {
                    throw new IllegalStateException("an empty range has records");
                }
                rows += records;
            }
            i = j;
        }
        return ranges;
    }
}
