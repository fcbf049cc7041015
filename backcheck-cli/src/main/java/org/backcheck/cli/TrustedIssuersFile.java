package org.backcheck.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import org.backcheck.service.security.TrustedIssuers;
import org.backcheck.service.security.TrustedIssuersException;

/**
 * Reads {@code serve --trusted-issuers FILE}. Every way the file can be wrong (missing, unreadable, a folder,
 * not UTF-8, not JSON, a bad entry) is a usage error (exit 2) naming the option, the file and, where there is
 * one, the line or the entry and field ({@link TrustedIssuersException}), and saying what to do; never an
 * internal error (issue 11 item 7). The file's content is not quoted beyond what those messages name.
 */
final class TrustedIssuersFile {

    private static final String FORMAT = " The file lists the EHRs allowed to call: "
            + "{\"issuers\":[{\"iss\":...,\"jwks\":{...}} or {\"iss\":...,\"jwks_url\":...}]} (see 'backcheck serve --help').";

    private TrustedIssuersFile() {
    }

    /** @throws IllegalArgumentException saying what is wrong with the file and what to do */
    static TrustedIssuers load(Path file, Clock clock) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--trusted-issuers " + file + " is a folder, not a file." + FORMAT);
        }
        try {
            return TrustedIssuers.load(file, clock);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--trusted-issuers " + file + ": no such file. Check the path." + FORMAT);
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("--trusted-issuers " + file + ": permission denied; make it readable by "
                    + "the user running serve.");
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("--trusted-issuers " + file + " is not UTF-8 text; save it as UTF-8 JSON.");
        } catch (IOException e) {
            throw new IllegalArgumentException("--trusted-issuers " + file + " cannot be read ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")." + FORMAT);
        } catch (TrustedIssuersException e) {
            // The message names the file, then the entry and field or the JSON line: "issuers.json: issuers[0].iss: required".
            throw new IllegalArgumentException("--trusted-issuers " + e.getMessage() + ". Correct the file and start again."
                    + (e.field().isEmpty() ? FORMAT : ""));
        }
    }
}
