package org.backcheck.service.cdshooks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The orders Backcheck's CDS Hooks service treats as lumbar spine imaging, from
 * {@code org/backcheck/cds/lumbar-imaging-orders.csv}. Each row records its source and how its
 * meaning was checked; rows not marked verified are loaded (so the file is validated whole) but
 * never matched.
 */
final class LumbarImagingOrders {

    /** One row of the file. */
    record ImagingCode(String system, String code, String display, boolean verified) {
    }

    private static final LumbarImagingOrders STANDARD = load();

    private final Map<String, ImagingCode> verified;   // "system|code"
    private final List<ImagingCode> all;

    private LumbarImagingOrders(List<ImagingCode> all) {
        this.all = List.copyOf(all);
        Map<String, ImagingCode> v = new HashMap<>();
        for (ImagingCode c : all) {
            if (c.verified()) {
                v.put(c.system() + "|" + c.code(), c);
            }
        }
        this.verified = Map.copyOf(v);
    }

    static LumbarImagingOrders standard() {
        return STANDARD;
    }

    List<ImagingCode> codes() {
        return all;
    }

    /** True when (system, code) is a verified lumbar spine imaging code. */
    boolean isLumbarImaging(String system, String code) {
        return system != null && code != null && verified.containsKey(system + "|" + code.strip());
    }

    /** True when (system, code) is a verified lumbar plain X-ray (its display says so). */
    boolean isPlainXray(String system, String code) {
        ImagingCode c = system == null || code == null ? null : verified.get(system + "|" + code.strip());
        return c != null && (c.display().startsWith("X-ray") || c.display().startsWith("Plain X-ray"));
    }

    private static LumbarImagingOrders load() {
        List<ImagingCode> codes = new ArrayList<>();
        for (String[] row : CdsData.rows("lumbar-imaging-orders.csv", 5)) {
            codes.add(new ImagingCode(row[0], row[1], row[2], row[4].toLowerCase(Locale.ROOT).startsWith("yes")));
        }
        return new LumbarImagingOrders(codes);
    }
}
