package org.backcheck.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SHA-256 of an input, taken as its bytes pass through the reader (so a large extract is read
 * once, and a pipe can be checksummed at all), or by reading a file or a folder of parts
 * ({@link InputIdentity#PARTS}). Both engines use it, so that the same file gets the same checksum.
 */
public final class InputDigest {

    private final MessageDigest sha = sha256();
    private long bytes;

    /** Adds bytes read. */
    public void update(byte[] buf, int off, int len) {
        if (len > 0) {
            sha.update(buf, off, len);
            bytes += len;
        }
    }

    /** Bytes added so far. */
    public long bytes() {
        return bytes;
    }

    /** The identity of what was added; this digest cannot be used after. */
    public InputIdentity identity(String name, String method) {
        return new InputIdentity(name, bytes, HexFormat.of().formatHex(sha.digest()), method);
    }

    /** An input stream that adds every byte read through it to this digest. */
    public InputStream counting(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    update(new byte[] {(byte) b}, 0, 1);
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                update(buf, off, n);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                // Skipped bytes must be hashed too: read them instead.
                byte[] b = new byte[(int) Math.min(n, 1 << 16)];
                int r = read(b, 0, b.length);
                return Math.max(r, 0);
            }

            @Override
            public boolean markSupported() {
                return false;
            }
        };
    }

    /** A file read whole, or a folder's parts (files under it) as {@link InputIdentity#PARTS} describes. */
    public static InputIdentity of(Path input, List<Path> parts) throws IOException {
        if (!Files.isDirectory(input)) {
            return ofFile(input);
        }
        Map<String, InputIdentity> byName = new TreeMap<>();
        for (Path part : parts) {
            byName.put(partName(input, part), ofFile(part));
        }
        return ofParts(name(input), byName);
    }

    /** A part's name in {@link InputIdentity#PARTS}: its path under the folder, with {@code /} between names. */
    public static String partName(Path folder, Path part) {
        return folder.relativize(part).toString().replace(java.io.File.separatorChar, '/');
    }

    /**
     * A folder's identity from its parts' ({@link InputIdentity#PARTS}): {@code parts} by their names
     * relative to the folder, with {@code /} between folder names.
     */
    public static InputIdentity ofParts(String folderName, Map<String, InputIdentity> parts) {
        InputDigest lines = new InputDigest();
        long total = 0;
        for (var part : new TreeMap<>(parts).entrySet()) {
            total += part.getValue().bytes();
            byte[] line = (part.getKey() + " " + part.getValue().sha256() + "\n").getBytes(StandardCharsets.UTF_8);
            lines.update(line, 0, line.length);
        }
        InputIdentity folder = lines.identity(folderName, InputIdentity.PARTS);
        return new InputIdentity(folder.name(), total, folder.sha256(), folder.method());
    }

    /** A stream's bytes, read to its end (the caller closes it). */
    public static InputIdentity ofStream(InputStream in, String name, String method) throws IOException {
        InputDigest d = new InputDigest();
        byte[] buf = new byte[1 << 20];
        for (int n; (n = in.read(buf)) >= 0; ) {
            d.update(buf, 0, n);
        }
        return d.identity(name, method);
    }

    /** A file's bytes as stored. */
    public static InputIdentity ofFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return ofStream(in, name(file), InputIdentity.FILE);
        }
    }

    /** A path's last name ({@code -} for standard input given as {@code /dev/stdin}). */
    public static String name(Path input) {
        if (input.toString().equals("/dev/stdin") || input.toString().equals("-")) {
            return "-";
        }
        Path name = input.getFileName();
        return name == null ? input.toString() : name.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
