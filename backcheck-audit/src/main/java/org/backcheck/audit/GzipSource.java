package org.backcheck.audit;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * RFC 1952 gzip, read strictly. Not {@link java.util.zip.GZIPInputStream}: that class takes
 * anything after a member that does not parse as a gzip header (a damaged or cut-off next
 * member, stray bytes) for the end of the data, and skips a tail of 18 bytes or fewer
 * without looking at it, so a damaged multi-member file would silently lose rows. Here every member is read and checked (CRC-32 and length), a file
 * that ends early is an {@link EOFException}, and bytes after the last member are an error
 * unless they are all zero (padding some tools add).
 */
final class GzipSource implements InputChunks.Source {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final InputStream in;
    private final byte[] input = new byte[1 << 16];
    private int inputPos;
    private int inputLen;
    private boolean inputEnd;
    private long compressedRead;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private long memberBytes;
    private boolean inMember;
    private boolean done;
    private long members;

    GzipSource(InputStream in) throws IOException {
        this.in = in;
        try {
            readHeader();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    public int read(byte[] buf, int off, int len) throws IOException {
        while (!done) {
            if (!inMember) {
                if (!nextMember()) {
                    done = true;
                    break;
                }
                continue;
            }
            int n;
            try {
                n = inflater.inflate(buf, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("corrupt compressed data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(buf, off, n);
                memberBytes += n;
                return n;
            }
            if (inflater.finished()) {
                inputPos = inputLen - inflater.getRemaining();
                readTrailer();
                inMember = false;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("corrupt compressed data (asks for a preset dictionary)");
            } else if (inflater.needsInput()) {
                if (inputPos == inputLen && !fill()) {
                    throw new EOFException("the gzip file ends inside its compressed data: it is truncated");
                }
                inflater.setInput(input, inputPos, inputLen - inputPos);
                inputPos = inputLen;
            } else {
                throw new ZipException("corrupt compressed data");
            }
        }
        return -1;
    }

    /** After a member: true when another follows (its header read), false at a clean end. */
    private boolean nextMember() throws IOException {
        if (inputPos == inputLen && !fill()) {
            return false;
        }
        if (input[inputPos] == 0) {
            // Zero padding to the end of the file is allowed; anything else after it is not.
            while (inputPos < inputLen || fill()) {
                if (input[inputPos++] != 0) {
                    throw new ZipException("unexpected data after the end of the gzip data");
                }
            }
            return false;
        }
        readHeader();
        return true;
    }

    private void readHeader() throws IOException {
        int id1 = readByte();
        int id2 = readByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            throw new ZipException(members > 0 ? "unexpected data after the end of the gzip data" : "not in gzip format");
        }
        if (readByte() != 8) {
            throw new ZipException("unsupported compression method");
        }
        int flags = readByte();
        if ((flags & 0xe0) != 0) {
            throw new ZipException("corrupt gzip header (reserved flags set)");
        }
        for (int i = 0; i < 6; i++) {
            readByte(); // modification time, extra flags, operating system
        }
        if ((flags & FEXTRA) != 0) {
            int length = readByte() | readByte() << 8;
            for (int i = 0; i < length; i++) {
                readByte();
            }
        }
        if ((flags & FNAME) != 0) {
            while (readByte() != 0) {
                // file name
            }
        }
        if ((flags & FCOMMENT) != 0) {
            while (readByte() != 0) {
                // comment
            }
        }
        if ((flags & FHCRC) != 0) {
            readByte();
            readByte();
        }
        inflater.reset();
        crc.reset();
        memberBytes = 0;
        inMember = true;
        members++;
    }

    private void readTrailer() throws IOException {
        long expectedCrc = readInt();
        long expectedSize = readInt();
        if (expectedCrc != crc.getValue()) {
            throw new ZipException("corrupt gzip data: the CRC-32 check fails");
        }
        if (expectedSize != (memberBytes & 0xffffffffL)) {
            throw new ZipException("corrupt gzip data: the length check fails");
        }
    }

    private long readInt() throws IOException {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v |= (long) readByte() << (8 * i);
        }
        return v;
    }

    private int readByte() throws IOException {
        if (inputPos == inputLen && !fill()) {
            throw new EOFException("the gzip file ends early: it is truncated");
        }
        return input[inputPos++] & 0xff;
    }

    /** Reads more compressed bytes into an empty input buffer; false at the end of the file. */
    private boolean fill() throws IOException {
        if (inputEnd) {
            return false;
        }
        int n = in.read(input, 0, input.length);
        while (n == 0) {
            n = in.read(input, 0, input.length);
        }
        if (n < 0) {
            inputEnd = true;
            return false;
        }
        inputPos = 0;
        inputLen = n;
        compressedRead += n;
        return true;
    }

    public long position() {
        return compressedRead;
    }

    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
