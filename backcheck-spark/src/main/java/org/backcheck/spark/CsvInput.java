package org.backcheck.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;
import org.backcheck.extract.RecordParser;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;

/**
 * Delimited text input, read by the single-machine audit's rules at any size. Two passes over the
 * bytes, both spread over the cluster:
 * <ol>
 *   <li>each file is cut into segments of whole lines and each segment's {@link SegmentShape} is
 *       found (how many records start in it, read both ways); the driver chains them, which gives
 *       every task whole records and every record its row number;</li>
 *   <li>each task reads its {@link FileRange} and classifies its records.</li>
 * </ol>
 * A {@code .gz} file cannot be cut: one task reads it whole, in each pass.
 */
final class CsvInput {

    private CsvInput() {
    }

    static ClassifiedInput classify(SparkSession spark, SparkAuditOptions options, Measure measure) throws IOException {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration conf = jsc.hadoopConfiguration();
        List<CsvFile> files = new ArrayList<>();
        for (FileStatus f : InputFiles.list(options.input(), conf)) {
            files.add(CsvFile.read(f.getPath(), f.getLen(), conf, options.delimiter(), measure, options.idColumn()));
        }
        Broadcast<SerializableConfiguration> hadoop = jsc.broadcast(new SerializableConfiguration(conf));

        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            segments.addAll(segments(i, files.get(i), options.segmentBytes()));
        }
        spark.sparkContext().setJobDescription("backcheck: finding record boundaries in " + segments.size() + " segments");
        List<SegmentShape> shapes = jsc.parallelize(segments, Math.max(1, segments.size()))
                .map(new ShapeOfSegment(files, hadoop)).collect();
        long[] lengths = files.stream().mapToLong(f -> f.gzip() ? Long.MAX_VALUE : f.length()).toArray();
        List<FileRange> ranges = FileRange.chain(shapes, lengths);
        long expected = ranges.stream().mapToLong(FileRange::records).sum();

        spark.sparkContext().setJobDescription(null);
        JavaRDD<Row> verdicts = jsc.parallelize(ranges, Math.max(1, ranges.size()))
                .mapPartitions(new JudgeRanges(files, hadoop, options.nullPolicy()));
        List<String> delimiters = files.stream().map(f -> f.header().delimiter().displayName()).distinct().toList();
        return new ClassifiedInput(spark.createDataFrame(verdicts, Verdicts.SCHEMA),
                files.stream().map(CsvFile::path).toList(), delimiters.size() == 1 ? delimiters.get(0) : "mixed",
                files.stream().anyMatch(f -> f.slots().hasProvider()), files.stream().anyMatch(f -> f.slots().hasDate()),
                files.stream().anyMatch(f -> f.slots().hasCommissioner()), expected,
                files.stream().anyMatch(f -> f.slots().hasTreatmentFunction()));
    }

    /**
     * Bytes {@code [from, to)} of a file, before they are moved to line boundaries: a segment
     * begins after the first line feed at or after {@code from - 1} (the first segment of a file
     * begins at its first data row) and ends where the next one begins.
     */
    record Segment(int file, long from, long to) implements java.io.Serializable {
    }

    /** Pass 1: a segment's shape. */
    static final class ShapeOfSegment implements Function<Segment, SegmentShape> {
        private final List<CsvFile> files;
        private final Broadcast<SerializableConfiguration> hadoop;

        ShapeOfSegment(List<CsvFile> files, Broadcast<SerializableConfiguration> hadoop) {
            this.files = files;
            this.hadoop = hadoop;
        }

        @Override
        public SegmentShape call(Segment s) throws IOException {
            return shape(files.get(s.file()), s, hadoop.value().value());
        }
    }

    /** A segment's shape, read from the file. */
    static SegmentShape shape(CsvFile f, Segment s, Configuration conf) throws IOException {
        if (f.gzip()) {
            return wholeFile(s, f, conf);
        }
        long dataStart = f.header().dataStart();
        long readFrom = s.from() == dataStart ? dataStart : s.from() - 1;
        try (InputStream in = f.open(conf, readFrom, Long.MAX_VALUE)) {
            Window w = new Window(in, (int) Math.min(s.to() - readFrom + (1 << 16), Integer.MAX_VALUE - 64));
            int start = s.from() == dataStart ? 0 : w.lineFeedFrom(0) + 1;
            int end = s.to() >= f.length() ? w.all() : w.lineFeedFrom((int) (s.to() - 1 - readFrom)) + 1;
            start = Math.min(start, end);
            boolean atEnd = readFrom + end >= f.length();
            return SegmentShape.of(s.file(), readFrom + start, w.bytes(), start, end, atEnd, f.counter());
        }
    }

    /** A compressed file is one segment: its records are counted by reading it through. */
    private static SegmentShape wholeFile(Segment s, CsvFile f, Configuration conf) throws IOException {
        try (InputStream in = f.open(conf, s.from(), Long.MAX_VALUE)) {
            RecordStream records = new RecordStream(in, f.counter());
            while (records.next(0)) {
                // counting only
            }
            return new SegmentShape(s.file(), s.from(), Long.MAX_VALUE,
                    new SegmentShape.Reading(records.records(), s.from(), false), new SegmentShape.Reading(0, -1, false));
        }
    }

    /** The segments of a file: whole files for {@code .gz}, else runs of about {@code bytes} bytes. */
    static List<Segment> segments(int file, CsvFile f, long bytes) {
        long dataStart = f.header().dataStart();
        if (f.gzip()) {
            return List.of(new Segment(file, dataStart, Long.MAX_VALUE));
        }
        List<Segment> out = new ArrayList<>();
        long from = dataStart;
        do {
            long to = Math.min(f.length(), from + bytes);
            out.add(new Segment(file, from, to));
            from = to;
        } while (from < f.length());
        return out;
    }

    /** The start of a stream, read as far as needed to find a line feed. */
    private static final class Window {
        private final InputStream in;
        private byte[] bytes;
        private int length;
        private boolean atEnd;

        Window(InputStream in, int expected) {
            this.in = in;
            this.bytes = new byte[Math.max(expected, 1 << 12)];
        }

        /** The position of the first line feed at or after {@code from}, reading on as needed; the length read when none. */
        int lineFeedFrom(int from) throws IOException {
            int p = from;
            while (true) {
                while (p < length) {
                    if (bytes[p] == '\n') {
                        return p;
                    }
                    p++;
                }
                if (!more()) {
                    return length - 1;
                }
            }
        }

        /** Reads to the end of the stream; returns the length. */
        int all() throws IOException {
            while (more()) {
                // reading
            }
            return length;
        }

        byte[] bytes() {
            return bytes;
        }

        private boolean more() throws IOException {
            if (atEnd) {
                return false;
            }
            if (length == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            int n = in.readNBytes(bytes, length, bytes.length - length);
            length += n;
            atEnd = length < bytes.length;
            return n > 0;
        }
    }

    /** Pass 2: classifies the records of each range of a partition. */
    static final class JudgeRanges implements FlatMapFunction<Iterator<FileRange>, Row> {
        private final List<CsvFile> files;
        private final Broadcast<SerializableConfiguration> hadoop;
        private final NullPolicy policy;

        JudgeRanges(List<CsvFile> files, Broadcast<SerializableConfiguration> hadoop, NullPolicy policy) {
            this.files = files;
            this.hadoop = hadoop;
            this.policy = policy;
        }

        @Override
        public Iterator<Row> call(Iterator<FileRange> ranges) {
            Configuration conf = hadoop.value().value();
            return new VerdictStream(new Verdicts(Measure.lowerBackImaging(), policy), new VerdictStream.Source() {
                private FileRange range;
                private InputStream in;
                private RecordStream records;
                private RecordParser parser;

                @Override
                public boolean judgeNext(Verdicts verdicts) throws IOException {
                    while (true) {
                        if (records == null) {
                            if (!ranges.hasNext()) {
                                return false;
                            }
                            range = ranges.next();
                            CsvFile f = files.get(range.file());
                            parser = f.parser();
                            in = f.open(conf, range.start(), range.end());
                            records = new RecordStream(in, parser);
                        }
                        if (records.next(range.rowsBefore())) {
                            verdicts.judge(range.rowsBefore() + records.records(), parser.malformed(), parser);
                            return true;
                        }
                        close(verdicts);
                    }
                }

                /** The range is read: its blank lines counted, its record count checked against pass 1. */
                private void close(Verdicts verdicts) throws IOException {
                    in.close();
                    verdicts.blankLines(records.blankLines());
                    if (records.records() != range.records()) {
                        throw new IllegalStateException("rows do not reconcile: " + files.get(range.file()).path()
                                + " bytes " + range.start() + "-" + range.end() + " hold " + records.records()
                                + " records, where finding the record boundaries counted " + range.records());
                    }
                    records = null;
                }
            });
        }
    }
}
