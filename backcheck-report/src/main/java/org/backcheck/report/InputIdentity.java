package org.backcheck.report;

import java.util.Objects;

/**
 * Which input an audit read, so that a report can be matched to its extract: the file's name (not
 * its folder), its size and a SHA-256 checksum, with how the checksum was taken.
 *
 * @param name   the file or folder name, without its folder ("-" for standard input)
 * @param bytes  the bytes the checksum covers: the file as stored (compressed, for .gz), the bytes read
 *               from a pipe, or the parts' sizes added up for a folder of parts
 * @param sha256 the checksum, 64 lower-case hex digits
 * @param method how {@code sha256} was taken: one of {@link #FILE}, {@link #PIPE}, {@link #PARTS}
 */
public record InputIdentity(String name, long bytes, String sha256, String method) {

    /** The file's bytes as stored on disk (a .gz file's compressed bytes). */
    public static final String FILE = "SHA-256 of the file's bytes as stored";
    /** Standard input or another pipe: what was read from it, which cannot be read again to check. */
    public static final String PIPE = "SHA-256 of the bytes read from the pipe";
    /**
     * A folder of part files (Parquet or Spark output): one line per part, {@code <name> <sha256>\n}
     * where the name is the part's path under the folder ({@code /} between folder names) and the
     * SHA-256 that of its bytes, in the order of the names compared as strings (UTF-16 code units, as
     * Java compares them), then the SHA-256 of those lines' UTF-8 bytes. A part renamed, added, removed
     * or changed changes it; files the engine does not read (Spark's {@code _SUCCESS}, hidden files) do not count.
     */
    public static final String PARTS = "SHA-256 of the lines '<part path> <part SHA-256>', one per part in path order";

    public InputIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 is 64 lower-case hex digits: " + sha256);
        }
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }
}
