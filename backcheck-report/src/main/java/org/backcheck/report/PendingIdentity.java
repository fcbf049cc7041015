package org.backcheck.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An input's identity being taken on a thread of its own while the audit reads the input (both
 * engines start one), and waited for when the figures are put together.
 */
public final class PendingIdentity {

    /** What takes the identity: reads the input and may fail as reading does. */
    @FunctionalInterface
    public interface Reading {
        InputIdentity read() throws IOException;
    }

    private final CompletableFuture<InputIdentity> pending;

    private PendingIdentity(CompletableFuture<InputIdentity> pending) {
        this.pending = pending;
    }

    /** Starts {@code reading} on a daemon thread of the common pool. */
    public static PendingIdentity start(Reading reading) {
        return new PendingIdentity(CompletableFuture.supplyAsync(() -> {
            try {
                return reading.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    /** The identity, once taken; the reading's IOException as it was thrown. */
    public InputIdentity get() throws IOException {
        try {
            return pending.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }
}
