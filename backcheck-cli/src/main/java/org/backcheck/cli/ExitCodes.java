package org.backcheck.cli;

/** Exit codes of every command. */
final class ExitCodes {
    static final int OK = 0;
    static final int INTERNAL = 1;
    /** An invalid command line, or a case that cannot be assessed. */
    static final int USAGE = 2;
    static final int BAD_EXTRACT = 3;
    static final int IO = 4;
    /** Another run is writing to the same --out folder. */
    static final int FOLDER_IN_USE = 5;

    private ExitCodes() {
    }
}
