package org.backcheck.spark;

/**
 * The input cannot be audited as a whole: no header line, a needed column missing, a delimiter that
 * cannot be told, a quoted field left open for too long. Problems with single rows are never thrown:
 * they become rejected rows.
 */
public class UnreadableExtractException extends RuntimeException {

    public UnreadableExtractException(String message) {
        super(message);
    }
}
