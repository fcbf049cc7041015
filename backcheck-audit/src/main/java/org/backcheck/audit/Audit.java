package org.backcheck.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.backcheck.audit.Batches.Pending;
import org.backcheck.audit.parquet.ColumnChoice;
import org.backcheck.audit.parquet.ParquetExtract;
import org.backcheck.audit.parquet.ParquetParts;
import org.backcheck.classify.Classifier;
import org.backcheck.classify.Status;
import org.backcheck.report.Activity;
import org.backcheck.report.AuditFigures;
import org.backcheck.report.PendingIdentity;
import org.backcheck.report.RunRecord;
import org.backcheck.report.OutputFile;
import org.backcheck.report.SummaryJson;
import org.backcheck.extract.Header;
import org.backcheck.extract.SlotLayout;
import org.backcheck.extract.UnreadableExtractException;

/**
 * {@code backcheck audit}: applies a measure to every row of an extract and writes
 * {@code matches.csv}, {@code rejected.csv} and {@code summary.json}.
 *
 * <p>How it is fast and bounded: the calling thread reads the file in chunks of whole lines and
 * hands them to one worker per core; results come back in file order and are written as they
 * arrive, so memory holds only the chunks in flight, whatever the input size. A chunk cut inside a
 * quoted field that spans lines is re-joined with the next one and scanned again.
 */
public final class Audit {

    /** The column names the slot layout owns (see {@link SlotLayout}), named here for the audit's callers. */
    public static final String PROVIDER_COLUMN = SlotLayout.PROVIDER_COLUMN;
    public static final String DATE_COLUMN = SlotLayout.DATE_COLUMN;
    public static final String COMMISSIONER_COLUMN = SlotLayout.COMMISSIONER_COLUMN;
    public static final String DEFAULT_ID_COLUMN = SlotLayout.DEFAULT_ID_COLUMN;

    private final AuditOptions options;
    private final Classifier classifier;
    private final int chunkSize;
    /**
     * How far a record whose quoted field spans lines may run on before the extract is refused
     * ({@code --max-record-bytes}): such a record is held whole in memory and re-read as each chunk
     * is joined to it, so a missing closing quote early in a large file would otherwise cost time
     * growing with the square of the file size and, in the end, all the memory there is.
     */
    private final int maxOpenRecord;

    /** When the run started, and the input's checksum, taken alongside the audit (set by {@link #execute}). */
    private java.time.Instant startedAt;
    private PendingIdentity.Reading identity;
    /** Whether the input is Parquet, which has no delimiter to record among the options. */
    private boolean parquet;

    private Audit(AuditOptions options, int chunkSize, int maxOpenRecord) {
        this.options = options;
        this.classifier = new Classifier(options.measure());
        this.chunkSize = chunkSize;
        this.maxOpenRecord = maxOpenRecord;
    }

    public static AuditFigures run(AuditOptions options) throws IOException {
        return run(options, Progress.NONE);
    }

    /**
     * Runs the audit.
     *
     * @throws UnreadableExtractException when the extract cannot be read as a whole (e.g. a needed column is missing)
     * @throws IOException            when the input cannot be read or the outputs written
     */
    public static AuditFigures run(AuditOptions options, Progress progress) throws IOException {
        return new Audit(options, InputChunks.DEFAULT_CHUNK, options.maxRecordBytes()).execute(progress);
    }

    /** For tests: a small chunk size puts many chunk boundaries inside a small file. */
    static AuditFigures run(AuditOptions options, int chunkSize) throws IOException {
        return new Audit(options, chunkSize, options.maxRecordBytes()).execute(Progress.NONE);
    }

    /** For tests: a small limit on a record left open by a quoted field. */
    static AuditFigures run(AuditOptions options, int chunkSize, int maxOpenRecord) throws IOException {
        return new Audit(options, chunkSize, maxOpenRecord).execute(Progress.NONE);
    }

    private AuditFigures execute(Progress progress) throws IOException {
        long started = System.nanoTime();
        startedAt = java.time.Instant.now();
        int threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors() : options.threads();
        Path input = options.input();
        if ((Files.isDirectory(input) || Files.isRegularFile(input)) && ParquetParts.isParquet(input)) {
            ParquetExtract extract = ParquetExtract.open(ParquetParts.of(input),
                    ColumnChoice.forAudit(classifier.columns(), options.idColumn()), options.maxRecordBytes());
            if (options.delimiter() != null) {
                throw new IllegalArgumentException("--delimiter is for delimited text; " + input + " is Parquet: leave it out");
            }
            Header header = ParquetBatches.header(extract.names(), options.maxRecordBytes());
            identity = FileChecksum.start(input, ParquetParts.of(input).files())::get;
            parquet = true;
            SlotLayout layout = SlotLayout.ofHeader(header, classifier.columns(), options.idColumn());
            clearOutputs();
            return writeOrClean(pool -> new ParquetBatches(extract, pool, scanners(header, layout),
                    () -> scanner(header, layout), layout, options.measure().exclusions().size()), header, threads, progress, started);
        }
        try (InputChunks chunks = new InputChunks(input, chunkSize, options.maxRecordBytes())) {
            ExtractStart start = ExtractStart.read(chunks, options, classifier);
            identity = Files.isRegularFile(input) ? FileChecksum.start(input, List.of())::get : chunks::pipeIdentity;
            clearOutputs();
            return writeOrClean(pool -> new TextBatches(chunks, start, pool, scanners(start.header(), start.layout()),
                            () -> scanner(start.header(), start.layout()), options.measure().exclusions().size()),
                    start.header(), threads, progress, started);
        }
    }

    /** Makes the output folder, and removes this run's files from an earlier run. */
    private void clearOutputs() throws IOException {
        Files.createDirectories(options.outDir());
        // Outputs of an earlier run into this folder must not outlive a failure of this one.
        for (String name : OUTPUTS) {
            Path output = options.outDir().resolve(name);
            if (Files.exists(output) && Files.isSameFile(output, options.input())) {
                throw new IllegalArgumentException("the input " + options.input() + " is one of the outputs; "
                        + "choose another --out folder");
            }
        }
        for (String name : OUTPUTS) {
            Files.deleteIfExists(options.outDir().resolve(name));
        }
    }

    private AuditFigures writeOrClean(java.util.function.Function<ExecutorService, Batches> batches, Header header, int threads,
                                      Progress progress, long started) throws IOException {
        try {
            return write(batches, header, threads, progress, started);
        } catch (IOException | RuntimeException | Error e) {
            for (String name : OUTPUTS) {
                try {
                    Files.deleteIfExists(options.outDir().resolve(name));
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * Files this run owns in the output folder. The report's files (written afterwards from the
     * summary, see {@code org.backcheck.report.ReportFiles}) are removed too, so that a failed
     * run cannot leave an earlier run's report beside its own outputs.
     */
    private static final List<String> OUTPUTS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of("summary.json", "matches.csv", "rejected.csv"),
            org.backcheck.report.ReportFiles.ALL.stream()).toList();

    private AuditFigures write(java.util.function.Function<ExecutorService, Batches> batchesOn, Header header, int threads,
                               Progress progress, long started) throws IOException {
        Totals totals = new Totals(options.measure().exclusions().size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "backcheck-audit");
            t.setDaemon(true);
            return t;
        });
        Batches batches = batchesOn.apply(pool);
        try (Writer matches = writer("matches.csv"); Writer rejected = writer("rejected.csv")) {
            matches.write("row,id,status,reason,matched_codes\n");
            rejected.write("row,id,field,reason\n");
            Sink sink = new Sink(matches, rejected, totals, batches.ownScanner(), options.measure().exclusions().size(),
                    options.maxRecordBytes(), maxOpenRecord);
            Deque<Pending> inFlight = new ArrayDeque<>();
            // In flight: bounded in number and bytes; a large chunk (a long record) is written before the next is read.
            long inFlightBytes = 0;
            long inFlightBudget = 2L * threads * chunkSize;
            Pending next = batches.next();
            while (next != null) {
                inFlight.add(next);
                inFlightBytes += next.chunk().length();
                boolean large = next.chunk().length() > chunkSize;
                next = null; // not held while the next is read
                while (!inFlight.isEmpty() && (large || inFlight.size() > threads * 2 || inFlightBytes > inFlightBudget)) {
                    Pending done = inFlight.poll();
                    inFlightBytes -= done.chunk().length();
                    sink.take(done);
                    batches.recycle(done);
                    progress.update(batches.bytesRead(), batches.totalBytes(), totals.records);
                }
                next = batches.next();
            }
            while (!inFlight.isEmpty()) {
                sink.take(inFlight.poll());
            }
            sink.finish();
            progress.update(batches.totalBytes(), batches.totalBytes(), totals.records);
        } finally {
            pool.shutdownNow();
            batches.close();
        }
        AuditFigures summary = summarise(header, totals, (System.nanoTime() - started) / 1e9);
        SummaryJson.write(summary, options.outDir().resolve(SummaryJson.FILE));
        return summary;
    }

    /** One scanner per worker thread, made when the thread first needs one. */
    private ThreadLocal<RecordScanner> scanners(Header header, SlotLayout layout) {
        return ThreadLocal.withInitial(() -> scanner(header, layout));
    }

    private RecordScanner scanner(Header header, SlotLayout layout) {
        return new RecordScanner(layout, classifier, options.nullPolicy(), header.delimiter(), options.maxRecordBytes());
    }

    private Writer writer(String name) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(OutputFile.create(options.outDir().resolve(name)),
                StandardCharsets.UTF_8), 1 << 16);
    }

    private AuditFigures summarise(Header header, Totals t, double seconds) throws IOException {
        Map<String, Long> byReason = new LinkedHashMap<>();
        var exclusions = options.measure().exclusions();
        for (int i = 0; i < exclusions.size(); i++) {
            byReason.put(exclusions.get(i).name(), t.excludedByReason[i]);
        }
        boolean hasProvider = header.indexOf(PROVIDER_COLUMN) >= 0;
        boolean hasDate = header.indexOf(DATE_COLUMN) >= 0;
        boolean hasCommissioner = header.indexOf(COMMISSIONER_COLUMN) >= 0;
        boolean hasSpecialty = header.indexOf(SlotLayout.TREATMENT_FUNCTION_COLUMN) >= 0;
        Activity activity = new Activity(hasProvider, hasCommissioner, hasDate, Activity.cells(t.byProviderMonth),
                Activity.cells(t.byCommissionerMonth), hasSpecialty, Activity.cells(t.bySpecialtyMonth));
        long[] s = t.statusCounts;
        reconcile(t, activity);
        return new AuditFigures(options.measure().id(), options.input().toString(), options.nullPolicy(),
                header.delimiter().displayName(), t.records, s[Status.COUNTED.ordinal()], s[Status.EXCLUDED.ordinal()], byReason,
                s[Status.UNMATCHED.ordinal()], s[Status.REJECTED.ordinal()], t.policySensitive, t.otherCounted,
                t.otherExcluded, t.blankLines, options.measure().notes().stream().map(n -> n.id() + ": " + n.text()).toList(),
                seconds, activity, t.rejectionKinds.counts(), new RunRecord(startedAt, "single", identity.read(),
                        RunRecord.measureRevision(options.measure()), RunRecord.engineOptions("single", options.nullPolicy(),
                                parquet ? null : header.delimiter().displayName(), options.idColumn())));
    }

    /**
     * Checks the status counts against what was counted apart from them: the lines written to
     * matches.csv and rejected.csv, and the rows tallied by provider and month and by commissioner and
     * month. (The figures check that the statuses add up to the rows read.)
     */
    private static void reconcile(Totals t, Activity activity) {
        long[] s = t.statusCounts;
        long[] tallied = new long[s.length];
        activity.providers().forEach(c -> c.addTo(tallied));
        long[] byCommissioner = new long[s.length];
        activity.commissioners().forEach(c -> c.addTo(byCommissioner));
        long[] bySpecialty = new long[s.length];
        activity.specialties().forEach(c -> c.addTo(bySpecialty));
        long matched = s[Status.COUNTED.ordinal()] + s[Status.EXCLUDED.ordinal()];
        if (t.matchLines != matched || t.rejectionLines != s[Status.REJECTED.ordinal()] || !java.util.Arrays.equals(tallied, s)
                || !java.util.Arrays.equals(byCommissioner, s)
                || activity.hasSpecialty() && !java.util.Arrays.equals(bySpecialty, s)) {
            throw new IllegalStateException("rows do not reconcile: statuses " + java.util.Arrays.toString(s)
                    + ", tallied by provider and month " + java.util.Arrays.toString(tallied) + ", by commissioner "
                    + java.util.Arrays.toString(byCommissioner) + ", by specialty " + java.util.Arrays.toString(bySpecialty)
                    + ", matches.csv rows "
                    + t.matchLines + " (counted + excluded " + matched + "), rejected.csv rows " + t.rejectionLines);
        }
    }
}
