package org.backcheck.report;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one way Backcheck's outputs are created: any failure to create, write, flush or close the
 * file becomes an {@link OutputWriteException} naming it, so that a full disk is reported as
 * "could not write aggregates.csv: No space left on device" rather than a bare reason.
 */
public final class OutputFile extends FilterOutputStream {

    private final String name;

    private OutputFile(OutputStream out, String name) {
        super(out);
        this.name = name;
    }

    /** Creates (or truncates) {@code file} for writing. */
    public static OutputStream create(Path file) throws OutputWriteException {
        String name = String.valueOf(file.getFileName());
        try {
            return new OutputFile(Files.newOutputStream(file), name);
        } catch (IOException e) {
            throw new OutputWriteException(name, e);
        }
    }

    /** Writes {@code text} as UTF-8 to {@code file}. */
    public static void writeString(Path file, String text) throws OutputWriteException {
        try (OutputStream out = create(file)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (OutputWriteException e) {
            throw e;
        } catch (IOException e) {
            throw new OutputWriteException(String.valueOf(file.getFileName()), e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw named(e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            out.close();
        } catch (IOException e) {
            throw named(e);
        }
    }

    private IOException named(IOException e) {
        return e instanceof OutputWriteException ? e : new OutputWriteException(name, e);
    }
}
