package org.backcheck.audit;

import java.nio.file.Path;

/** Another run holds the output folder (see {@link RunFolder}). */
public final class FolderInUseException extends RuntimeException {

    public FolderInUseException(Path folder) {
        super("another Backcheck run is writing to " + folder + " (it holds the lock file ." + folder.getFileName()
                + ".backcheck.lock beside it). Wait for it to finish, or give this run another --out folder.");
    }
}
