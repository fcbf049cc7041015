package org.backcheck.audit;

import org.backcheck.extract.UnreadableExtractException;

/**
 * What the first bytes of an input say it is, so that a file that is not delimited UTF-8 text gets
 * a message saying what it is and what to do, rather than a puzzling one about its header. The
 * signatures: gzip {@code 1f 8b} (RFC 1952, section 2.3.1); Parquet {@code PAR1} (the Apache
 * Parquet format specification, "File Format"); a zip archive, which an {@code .xlsx} or
 * {@code .ods} spreadsheet is, {@code PK 03 04} (PKWARE APPNOTE.TXT, section 4.3.7); UTF-16 by its
 * byte-order mark {@code ff fe} or {@code fe ff} (Unicode Standard, section 23.8), or without one
 * by a zero byte in every other place of the first characters (ASCII text as UTF-16).
 */
enum FirstBytes {
    GZIP, PARQUET, ZIP, UTF16, TEXT;

    /** Bytes enough to tell them apart. */
    static final int NEEDED = 4;

    static FirstBytes of(byte[] b, int from, int to) {
        int n = to - from;
        if (n >= 2 && (b[from] & 0xff) == 0x1f && (b[from + 1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (n >= 4 && b[from] == 'P' && b[from + 1] == 'A' && b[from + 2] == 'R' && b[from + 3] == '1') {
            return PARQUET;
        }
        if (n >= 4 && b[from] == 'P' && b[from + 1] == 'K' && b[from + 2] == 3 && b[from + 3] == 4) {
            return ZIP;
        }
        if (n >= 2 && ((b[from] & 0xff) == 0xff && (b[from + 1] & 0xff) == 0xfe
                || (b[from] & 0xff) == 0xfe && (b[from + 1] & 0xff) == 0xff)) {
            return UTF16;
        }
        if (n >= 4 && (b[from] != 0 && b[from + 1] == 0 && b[from + 2] != 0 && b[from + 3] == 0
                || b[from] == 0 && b[from + 1] != 0 && b[from + 2] == 0 && b[from + 3] != 0)) {
            return UTF16;
        }
        return TEXT;
    }

    /**
     * Refuses text that is not what the audit reads, saying what it is instead.
     *
     * @param what how to name the input in the message, e.g. the file's path
     */
    static void checkText(byte[] b, int from, int to, Object what) {
        switch (of(b, from, to)) {
            case ZIP -> throw new UnreadableExtractException(what + " is a zip archive (an .xlsx or .ods spreadsheet is one), "
                    + "not delimited text: open it in the spreadsheet program and save or export the sheet as CSV "
                    + "(UTF-8), then audit that file");
            case UTF16 -> throw new UnreadableExtractException(what + " is UTF-16 text; Backcheck reads UTF-8. Convert it "
                    + "first, e.g. iconv -f UTF-16 -t UTF-8 " + "IN > OUT.csv (or in Excel save as 'CSV UTF-8'), then audit "
                    + "the converted file");
            default -> {
                // text: read on
            }
        }
    }
}
