package org.backcheck.report;

/**
 * The layouts of organisations file Backcheck reads ({@code --organisations FILE}), told apart by the
 * file's first line. See docs/organisations.md for each layout and its source.
 */
public enum OrganisationsLayout {
    /**
     * Backcheck's own: CSV with the header {@code org_code,name,parent_code} (names matched without regard
     * to case, columns in any order); {@code parent_code} may be empty.
     */
    BACKCHECK("Backcheck CSV (org_code,name,parent_code)"),
    /**
     * The headerless 27-field CSV layout of the NHS Organisation Data Service's bulk downloads (e.g.
     * {@code etr.csv} NHS trusts, {@code ets.csv} NHS trust sites, the ICB file): field 1 the
     * organisation code, field 2 its name, field 15 the parent organisation code (the trust of a site;
     * empty for a trust).
     */
    ODS_STANDARD("ODS standard layout (code, name, parent in field 15)"),
    /**
     * The same 27-field ODS layout in the sub-ICB location file, which ODS names {@code eccg.csv} (the
     * file name tells it apart: its layout is the trusts'): the parent is the ICB in field 4, "High Level
     * Health Geography" (field 15 is empty there).
     */
    ODS_SUB_ICB("ODS sub-ICB locations (code, name, ICB in field 4)");

    /** Fields of a row in the ODS layout. */
    static final int ODS_FIELDS = 27;
    /** 1-based field of the parent organisation code in the ODS layout. */
    static final int ODS_PARENT_FIELD = 15;
    /** 1-based field of the High Level Health Geography (the ICB of a sub-ICB location). */
    static final int ODS_GEOGRAPHY_FIELD = 4;

    private final String description;

    OrganisationsLayout(String description) {
        this.description = description;
    }

    /** How the report names the layout it detected. */
    public String description() {
        return description;
    }
}
