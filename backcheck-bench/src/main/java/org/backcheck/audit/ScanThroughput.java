package org.backcheck.audit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.backcheck.classify.Classifier;
import org.backcheck.extract.Header;
import org.backcheck.extract.RecordParser;
import org.backcheck.extract.SlotLayout;
import org.backcheck.measure.Measure;
import org.backcheck.measure.NullPolicy;

/**
 * Development tool: single-thread scanner throughput in a warm JVM, by thread CPU time, so that a
 * busy machine disturbs the figure less than wall-clock timing would. Each round is the whole scan
 * (records split, classified and tallied), then the same rounds with the {@link RecordParser} alone
 * (records split into slots, nothing else), to see the parser's share of the time per row.
 * Usage: {@code java -cp backcheck-bench.jar org.backcheck.audit.ScanThroughput FILE [rounds]}
 */
public final class ScanThroughput {

    private ScanThroughput() {
    }

    public static void main(String[] args) throws Exception {
        byte[] all = Files.readAllBytes(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Header header = Header.read(all, 0, Math.min(all.length, 1 << 20), null, ExtractStart.headerLimit(1 << 20));
        Classifier classifier = new Classifier(Measure.lowerBackImaging());
        SlotLayout layout = SlotLayout.ofHeader(header, classifier.columns(), null);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int chunk = InputChunks.DEFAULT_CHUNK;
        for (int r = 0; r < rounds; r++) {
            RecordScanner scanner = new RecordScanner(layout, classifier, NullPolicy.CLINICAL, header.delimiter());
            long cpu = mx.getCurrentThreadCpuTime();
            long rows = 0;
            int from = header.dataStart();
            while (from < all.length) {
                int end = Math.min(all.length, from + chunk);
                while (end < all.length && all[end - 1] != '\n') {
                    end++;
                }
                ChunkResult result = scanner.scan(all, from, end, end == all.length, 2);
                rows += result.records;
                from = end;
            }
            double s = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf(Locale.ROOT, "round %d: %,d rows in %.3f s cpu = %.0f MB/s, %.0f ns/row%n",
                    r, rows, s, all.length / 1e6 / s, s * 1e9 / rows);
        }
        for (int r = 0; r < rounds; r++) {
            RecordParser parser = new RecordParser(header.delimiter(), layout);
            long cpu = mx.getCurrentThreadCpuTime();
            long rows = 0;
            long filled = 0; // read from the slots, so that the work cannot be skipped
            int from = header.dataStart();
            while (from < all.length) {
                int blank = RecordParser.blankLine(all, from, all.length, true);
                if (blank > 0) {
                    from += blank;
                    continue;
                }
                from = parser.record(all, from, all.length, true);
                filled += parser.length(layout.idSlot());
                rows++;
            }
            double s = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            System.out.printf(Locale.ROOT, "parser only, round %d: %,d rows (%,d id bytes) in %.3f s cpu = %.0f ns/row%n",
                    r, rows, filled, s, s * 1e9 / rows);
        }
    }
}
