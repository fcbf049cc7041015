package org.backcheck.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded, deterministic mutations of a valid input, for the bounded fuzz tests: byte flips, cuts,
 * deleted and repeated slices, and insertions of what tends to break readers of delimited text and
 * JSON (quotes, delimiters, CR/LF, NUL, a byte-order mark, lone surrogates, huge and odd numbers,
 * deep nesting, long runs). The same seed always gives the same sequence of inputs.
 */
public final class ByteMutator {

    private static final String[] TOKENS = {
        "\"", "\"\"", ",", "|", "\t", ";", "\r", "\n", "\r\n", "\0", "\uFEFF", "\\", "\\u0000", "\\ud800",
        "{", "}", "[", "]", ":", "null", "true", "-", "+", "=", "@", "é", "\u202E", "\uD83D\uDE00",
        "99999999999999999999999999999999", "-1", "1e999", "-0", "0.0000000000000000001", "NaN",
        "+99999-12-31T00:00:00Z", "0000-00-00", "2024-02-30", "U054", "M54.5", "279039007", "\"\":\"\"",
    };

    private final SplittableRandom random;

    public ByteMutator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** One to four mutations of {@code seed}, which is not changed. */
    public byte[] mutate(byte[] seed) {
        byte[] out = seed;
        int times = 1 + random.nextInt(4);
        for (int i = 0; i < times; i++) {
            out = once(out);
        }
        return out;
    }

    private byte[] once(byte[] in) {
        int at = in.length == 0 ? 0 : random.nextInt(in.length + 1);
        return switch (random.nextInt(8)) {
            case 0 -> flip(in);
            case 1 -> Arrays.copyOf(in, at);                                   // cut short
            case 2 -> splice(in, at, Math.min(in.length, at + random.nextInt(16)), new byte[0]);   // delete
            case 3 -> splice(in, at, at, token());                             // insert a token
            case 4 -> splice(in, at, at, repeat(token(), 1 + random.nextInt(3000)));   // deep nesting, long runs
            case 5 -> splice(in, at, at, slice(in));                           // repeat a slice
            case 6 -> splice(in, at, Math.min(in.length, at + 1), new byte[] {(byte) random.nextInt(256)});
            default -> splice(in, at, Math.min(in.length, at + random.nextInt(8)), token());   // replace
        };
    }

    private byte[] flip(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        byte[] out = in.clone();
        out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        return out;
    }

    private byte[] token() {
        return TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
    }

    private byte[] slice(byte[] in) {
        if (in.length == 0) {
            return in;
        }
        int from = random.nextInt(in.length);
        return Arrays.copyOfRange(in, from, Math.min(in.length, from + 1 + random.nextInt(64)));
    }

    private static byte[] repeat(byte[] token, int times) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length * times);
        for (int i = 0; i < times; i++) {
            out.writeBytes(token);
        }
        return out.toByteArray();
    }

    private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
        byte[] out = new byte[in.length - (to - from) + insert.length];
        System.arraycopy(in, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(in, to, out, from + insert.length, in.length - to);
        return out;
    }
}
