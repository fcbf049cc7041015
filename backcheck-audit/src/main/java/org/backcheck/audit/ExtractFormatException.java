package org.backcheck.audit;

/**
 * The extract cannot be audited as a whole: no header, a needed column missing, a delimiter that
 * cannot be told. Problems with single rows are never thrown; they become rejected rows.
 */
public class ExtractFormatException extends RuntimeException {

    public ExtractFormatException(String message) {
        super(message);
    }
}
