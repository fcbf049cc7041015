package org.backcheck.contract;

import java.util.List;
import org.backcheck.classify.Fields;
import org.backcheck.classify.RuleCase;
import org.backcheck.measure.Column;

/**
 * One row the engine contract asks every engine to classify: a label (written to the extract's id
 * column, so that an engine's output row can be traced back) and the values of the five columns the
 * measure reads. A {@code null} value is a missing value (SQL NULL, a Parquet null, an empty field
 * in delimited text); {@code ""} is an empty text, which only a database or Parquet can hold apart
 * from NULL.
 */
public record ContractRow(String label, String procedures, String ageSus, String ageCds, String diagnoses,
                          String adminCategory) {

    /** The extract columns a contract extract holds, in file order; the last five are the measure's. */
    public static final List<String> EXTRACT_COLUMNS = List.of("OPA_Ident", "Appointment_Date", "Der_Provider_Code",
            "Administrative_Category", "Age_at_Start_of_Episode_SUS", "Der_Age_at_CDS_Activity_Date",
            "Der_Diagnosis_All", "Der_Procedure_All");

    /** The appointment date and provider every contract row has (the measure reads neither). */
    public static final String APPOINTMENT_DATE = "2024-05-01";
    public static final String PROVIDER = "RXH";

    /** A spec rule case, labelled {@code rule:<id>}: its empty fields are NULL, as the table's header says. */
    public static ContractRow of(RuleCase c) {
        return new ContractRow("rule:" + c.id(), nullIfEmpty(c.procedures()), nullIfEmpty(c.ageSus()),
                nullIfEmpty(c.ageCds()), nullIfEmpty(c.diagnoses()), nullIfEmpty(c.adminCategory()));
    }

    /**
     * A record of an extract with another layout (a generated one, say), labelled by its
     * {@code OPA_Ident}; columns are found by name in {@code header}, whatever their case. An empty
     * field is missing ({@code null}) when {@code emptyIsNull}, else empty text, as importers differ.
     */
    public static ContractRow fromRecord(List<String> header, List<String> fields, boolean emptyIsNull) {
        java.util.function.Function<String, String> field = name -> {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).equalsIgnoreCase(name)) {
                    String value = fields.get(i);
                    return value.isEmpty() && emptyIsNull ? null : value;
                }
            }
            throw new IllegalArgumentException("the extract has no column " + name);
        };
        return new ContractRow(field.apply("OPA_Ident"), field.apply("Der_Procedure_All"),
                field.apply("Age_at_Start_of_Episode_SUS"), field.apply("Der_Age_at_CDS_Activity_Date"),
                field.apply("Der_Diagnosis_All"), field.apply("Administrative_Category"));
    }

    /** The value of one of the measure's columns, found by its name. */
    public String value(Column column) {
        return switch (column.key()) {
            case "der_procedure_all" -> procedures;
            case "der_diagnosis_all" -> diagnoses;
            case "administrative_category" -> adminCategory;
            case "age_at_start_of_episode_sus" -> ageSus;
            case "der_age_at_cds_activity_date" -> ageCds;
            default -> throw new IllegalArgumentException("the contract rows have no column " + column.name());
        };
    }

    /** The values in {@link #EXTRACT_COLUMNS} order ({@code null} stays {@code null}). */
    public String[] extractValues() {
        return new String[] {label, APPOINTMENT_DATE, PROVIDER, adminCategory, ageSus, ageCds, diagnoses, procedures};
    }

    /** The row as the classifier reads it, in the order of {@code columns}. */
    public Fields fields(List<Column> columns) {
        return Fields.of(columns.stream().map(this::value).toArray(String[]::new));
    }

    /** The same values with every missing one ({@code null}) given as empty text instead. */
    public ContractRow emptyForNull(String newLabel) {
        return new ContractRow(newLabel, emptyIfNull(procedures), emptyIfNull(ageSus), emptyIfNull(ageCds),
                emptyIfNull(diagnoses), emptyIfNull(adminCategory));
    }

    private static String nullIfEmpty(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String emptyIfNull(String s) {
        return s == null ? "" : s;
    }
}
