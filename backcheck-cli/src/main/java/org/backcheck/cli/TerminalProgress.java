package org.backcheck.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.backcheck.audit.Progress;

/** Progress on stderr, only when a person is watching (a terminal), at most twice a second. */
final class TerminalProgress implements Progress {

    private final PrintStream err;
    private long lastPrinted;
    private boolean printed;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    static Progress forThisTerminal() {
        return System.console() == null ? Progress.NONE : new TerminalProgress(System.err);
    }

    @Override
    public void update(long bytesDone, long bytesTotal, long rows) {
        long now = System.nanoTime();
        boolean done = bytesDone >= bytesTotal;
        if (!done && now - lastPrinted < 500_000_000L) {
            return;
        }
        lastPrinted = now;
        int percent = bytesTotal == 0 ? 100 : (int) Math.min(100, bytesDone * 100 / bytesTotal);
        err.printf(Locale.ROOT, "\r  %3d%%  %,d rows", percent, rows);
        printed = true;
        if (done && printed) {
            err.print("\r" + " ".repeat(40) + "\r");
        }
        err.flush();
    }
}
