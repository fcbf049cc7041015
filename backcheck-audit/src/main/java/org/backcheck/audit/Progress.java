package org.backcheck.audit;

/** Told how far a run has got, after each chunk. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (bytesDone, bytesTotal, rows) -> { };

    /**
     * @param bytesDone  bytes of the input file read so far (compressed bytes for .gz)
     * @param bytesTotal size of the input file
     * @param rows       data rows classified so far
     */
    void update(long bytesDone, long bytesTotal, long rows);
}
