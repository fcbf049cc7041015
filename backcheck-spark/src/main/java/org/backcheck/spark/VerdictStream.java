package org.backcheck.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;

/**
 * A task's output rows, made as Spark asks for them: records are judged a few at a time, so a task
 * holds only the rows not yet taken, whatever its input size. The task's counts follow its last record.
 */
final class VerdictStream implements Iterator<Row> {

    /** Where a task's records come from. */
    interface Source {
        /** Judges the next record (or a few) into {@code verdicts}; false when there are no more. */
        boolean judgeNext(Verdicts verdicts) throws IOException;

        /** Called once after the last record, before the counts are taken (to add blank lines, check totals). */
        default void finish(Verdicts verdicts) throws IOException {
        }
    }

    private final Verdicts verdicts;
    private final Source source;
    private ArrayDeque<Row> totals;
    private Row next;

    VerdictStream(Verdicts verdicts, Source source) {
        this.verdicts = verdicts;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            next = verdicts.poll();
            if (next != null) {
                break;
            }
            if (totals != null) {
                next = totals.poll();
                return next != null;
            }
            try {
                if (!source.judgeNext(verdicts)) {
                    source.finish(verdicts);
                    totals = new ArrayDeque<>(verdicts.totals());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Row r = next;
        next = null;
        return r;
    }
}
