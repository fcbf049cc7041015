package org.backcheck.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks {@code --out}: a folder, or a path where one can be made. */
final class OutFolder {

    private OutFolder() {
    }

    /** @throws IllegalArgumentException when {@code out} exists and is not a folder */
    static void check(Path out) {
        if (!Files.exists(out) || Files.isDirectory(out)) {
            return;
        }
        String what = Files.isRegularFile(out) ? "an existing file" : "a device or other special file";
        throw new IllegalArgumentException("--out " + out + " is " + what + ", not a folder: --out names the folder the "
                + "outputs are written into (it is made if missing), so give a folder path, e.g. --out audit-out");
    }
}
