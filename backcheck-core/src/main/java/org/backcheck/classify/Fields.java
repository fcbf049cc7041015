package org.backcheck.classify;

import java.nio.charset.StandardCharsets;

/**
 * One record's values for the columns a measure reads, as UTF-8 bytes, in the order of
 * {@link org.backcheck.measure.Measure#columns()}. An empty field, or one of only spaces, is NULL.
 * Implementations may reuse buffers between records: read a record before moving on.
 */
public interface Fields {

    byte[] bytes(int field);

    int offset(int field);

    /** Length in bytes; 0 for an empty field. */
    int length(int field);

    /** Fields from Java strings ({@code null} or empty = NULL); for tests, Spark and small callers. */
    static Fields of(String... values) {
        byte[][] encoded = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            encoded[i] = values[i] == null ? new byte[0] : values[i].getBytes(StandardCharsets.UTF_8);
        }
        return new Fields() {
            public byte[] bytes(int field) {
                return encoded[field];
            }

            public int offset(int field) {
                return 0;
            }

            public int length(int field) {
                return encoded[field].length;
            }
        };
    }
}
