package org.backcheck.extract;

/**
 * The extract cannot be audited as a whole: no header line, a needed column missing, a delimiter
 * that cannot be told, a quoted field left open for too long, a file that is not what it claims.
 * Every engine throws this one; problems with single rows are never thrown: they become rejected rows.
 */
public class UnreadableExtractException extends RuntimeException {

    public UnreadableExtractException(String message) {
        super(message);
    }
}
