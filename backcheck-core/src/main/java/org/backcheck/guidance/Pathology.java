package org.backcheck.guidance;

import java.util.Locale;

/** The serious underlying pathologies a red flag can point to. */
public enum Pathology {
    CAUDA_EQUINA,
    CORD_COMPRESSION,
    CANCER,
    INFECTION,
    FRACTURE;

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
