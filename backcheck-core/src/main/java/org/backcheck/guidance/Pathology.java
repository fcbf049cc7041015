package org.backcheck.guidance;

import java.util.Locale;

/** The serious underlying pathologies a red flag can point to. */
public enum Pathology {
    CAUDA_EQUINA("cauda equina syndrome"),
    CORD_COMPRESSION("spinal cord compression"),
    CANCER("cancer or spinal metastases"),
    INFECTION("spinal infection"),
    FRACTURE("vertebral fracture");

    private final String label;

    Pathology(String label) {
        this.label = label;
    }

    /** The pathology in words, as summaries, cards and the text rendering name it. */
    public String label() {
        return label;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Suspected cauda equina syndrome or cord compression: emergency MRI, never delayed. */
    public boolean isEmergency() {
        return this == CAUDA_EQUINA || this == CORD_COMPRESSION;
    }

    public static Pathology fromId(String id) {
        return Pathology.valueOf(id.toUpperCase(Locale.ROOT));
    }
}
