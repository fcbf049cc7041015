-- Backcheck: the EBI measure 2S_lower_back_imaging (Low back pain imaging) as one SELECT, DuckDB,
--   NULL policy clinical.
-- Written by `backcheck sql --dialect duckdb --null-policy clinical --table opa_extract` from the
--   measure definition Backcheck's own engine runs (2S_lower_back_imaging.measure). Generate it
--   again rather than editing it.
-- Measure source: EBI Low back pain imaging, Coding: Code Script and Exclusions (last revised
--   December 2023)
--
-- Returns every row of opa_extract unchanged, with two more columns:
--   status: counted, excluded, unmatched or rejected, as `backcheck audit` gives the same row.
--   reason: for excluded rows, the exclusions that applied (cancer_diagnosis, private_patient), in
--     that order, joined by ';'; for rejected rows, '<column>: <problem>' for each unreadable
--     numeric column, joined by '; '; otherwise NULL.
-- Order of judgement: a numeric column (an age) that is neither empty nor a whole number within the
--   range of an SQL Server int rejects the row; otherwise the WHEN clause must be TRUE, else the
--   row is unmatched; then the exclusions decide between excluded and counted.
--
-- NULL policy clinical: an exclusion applies only when its published test is FALSE, so a missing
--   diagnosis or administrative category excludes nothing (Backcheck's default).
--
-- Interpretations, as the measure definition records them:
--   record_level: The exclusions are published against apcs. (admitted patient care spells) while
--     the rule is on opa. (outpatient activity), with no published join. Backcheck applies them to
--     the same outpatient row (record-level reading).
--   null_policy: A missing diagnosis or administrative category makes the exclusion test UNKNOWN in
--     T-SQL. Policy 'clinical' (default) lets a missing value exclude nothing; policy 'sql' keeps
--     T-SQL's reading, under which such a row is not counted.
--   empty_is_null: An empty field in an extract (nothing, or only spaces) is read as NULL.
--   infant_ages: Ages 7001-7007 code infants under one year in HES/SUS; they fall outside 19-120 as
--     written.
--
-- How DuckDB is written:
--   Each LIKE becomes a regular expression that matches the same texts: letters are written in both
--     cases ([Uu]) instead of relying on the engine's case-insensitive matching, and a pattern that
--     does not end in % allows trailing spaces, which T-SQL's LIKE ignores.
--   <> compares without trailing spaces, as T-SQL does; ISNULL(a, b) is COALESCE(a, b).
--   Regular expressions are RE2's (regexp_matches); names match without regard to case.
--   Text columns are best loaded as text (VARCHAR); an empty field may be loaded as NULL or as ''.
SELECT
    extract_row.*,
    CASE
        WHEN age_check.Age_at_Start_of_Episode_SUS IS NOT NULL
          OR age_check.Der_Age_at_CDS_Activity_Date IS NOT NULL THEN 'rejected'
        WHEN judged.rule_met = 0 THEN 'unmatched'
        WHEN judged.cancer_diagnosis IS NOT NULL
          OR judged.private_patient IS NOT NULL THEN 'excluded'
        ELSE 'counted'
    END AS status,
    CASE
        WHEN age_check.Age_at_Start_of_Episode_SUS IS NOT NULL
          OR age_check.Der_Age_at_CDS_Activity_Date IS NOT NULL
            THEN concat_ws('; ', age_check.Age_at_Start_of_Episode_SUS, age_check.Der_Age_at_CDS_Activity_Date)
        WHEN judged.rule_met = 1
            THEN NULLIF(concat_ws(';', judged.cancer_diagnosis, judged.private_patient), '')
    END AS reason
FROM "opa_extract" AS extract_row
-- The fields as the measure reads them: empty or only spaces is NULL (NOTE empty_is_null);
-- numbers without the spaces around them.
CROSS JOIN LATERAL (
    SELECT
        CASE WHEN rtrim(extract_row.Der_Procedure_All, ' ') = '' THEN NULL
             ELSE extract_row.Der_Procedure_All END AS Der_Procedure_All,
        CASE WHEN rtrim(extract_row.der_diagnosis_all, ' ') = '' THEN NULL
             ELSE extract_row.der_diagnosis_all END AS der_diagnosis_all,
        CASE WHEN rtrim(extract_row.Administrative_Category, ' ') = '' THEN NULL
             ELSE extract_row.Administrative_Category END AS Administrative_Category,
        NULLIF(trim(extract_row.Age_at_Start_of_Episode_SUS, ' '), '') AS Age_at_Start_of_Episode_SUS,
        NULLIF(trim(extract_row.Der_Age_at_CDS_Activity_Date, ' '), '') AS Der_Age_at_CDS_Activity_Date
) AS field_value
-- Each number without its sign.
CROSS JOIN LATERAL (
    SELECT
        CASE WHEN left(field_value.Age_at_Start_of_Episode_SUS, 1) IN ('+', '-')
             THEN substr(field_value.Age_at_Start_of_Episode_SUS, 2)
             ELSE field_value.Age_at_Start_of_Episode_SUS END AS Age_at_Start_of_Episode_SUS,
        CASE WHEN left(field_value.Der_Age_at_CDS_Activity_Date, 1) IN ('+', '-')
             THEN substr(field_value.Der_Age_at_CDS_Activity_Date, 2)
             ELSE field_value.Der_Age_at_CDS_Activity_Date END AS Der_Age_at_CDS_Activity_Date
) AS age_digits
-- Why a number cannot be read, or NULL when it can: it must be empty, or a sign
-- and at most 18 digits whose value fits an SQL Server int.
CROSS JOIN LATERAL (
    SELECT
        CASE
            WHEN age_digits.Age_at_Start_of_Episode_SUS IS NULL THEN NULL
            WHEN age_digits.Age_at_Start_of_Episode_SUS = '' THEN 'Age_at_Start_of_Episode_SUS: not a whole number'
            WHEN strlen(age_digits.Age_at_Start_of_Episode_SUS) > 18 THEN 'Age_at_Start_of_Episode_SUS: number too long'
            WHEN translate(age_digits.Age_at_Start_of_Episode_SUS, '0123456789', '') <> '' THEN 'Age_at_Start_of_Episode_SUS: not a whole number'
            WHEN TRY_CAST(field_value.Age_at_Start_of_Episode_SUS AS BIGINT) NOT BETWEEN -2147483648 AND 2147483647
                THEN 'Age_at_Start_of_Episode_SUS: outside the range of a whole-number column'
        END AS Age_at_Start_of_Episode_SUS,
        CASE
            WHEN age_digits.Der_Age_at_CDS_Activity_Date IS NULL THEN NULL
            WHEN age_digits.Der_Age_at_CDS_Activity_Date = '' THEN 'Der_Age_at_CDS_Activity_Date: not a whole number'
            WHEN strlen(age_digits.Der_Age_at_CDS_Activity_Date) > 18 THEN 'Der_Age_at_CDS_Activity_Date: number too long'
            WHEN translate(age_digits.Der_Age_at_CDS_Activity_Date, '0123456789', '') <> '' THEN 'Der_Age_at_CDS_Activity_Date: not a whole number'
            WHEN TRY_CAST(field_value.Der_Age_at_CDS_Activity_Date AS BIGINT) NOT BETWEEN -2147483648 AND 2147483647
                THEN 'Der_Age_at_CDS_Activity_Date: outside the range of a whole-number column'
        END AS Der_Age_at_CDS_Activity_Date
) AS age_check
-- The published script's table alias opa: the same row (NOTE record_level).
CROSS JOIN LATERAL (
    SELECT
        field_value.Der_Procedure_All AS Der_Procedure_All,
        CASE WHEN age_check.Age_at_Start_of_Episode_SUS IS NULL
             THEN TRY_CAST(field_value.Age_at_Start_of_Episode_SUS AS BIGINT) END AS Age_at_Start_of_Episode_SUS,
        CASE WHEN age_check.Der_Age_at_CDS_Activity_Date IS NULL
             THEN TRY_CAST(field_value.Der_Age_at_CDS_Activity_Date AS BIGINT) END AS Der_Age_at_CDS_Activity_Date
) AS opa
-- The published script's table alias apcs: the same row (NOTE record_level).
CROSS JOIN LATERAL (
    SELECT
        field_value.der_diagnosis_all AS der_diagnosis_all,
        field_value.Administrative_Category AS Administrative_Category
) AS apcs
-- The WHEN condition, and each exclusion's name when it applies.
CROSS JOIN LATERAL (
    SELECT
        CASE WHEN (regexp_matches(opa.Der_Procedure_All, '[Uu]05[45]')
                   OR ((regexp_matches(opa.Der_Procedure_All, '[Uu]13[2356]')
                        OR regexp_matches(opa.Der_Procedure_All, '[Uu]21[1267]'))
                       AND (regexp_matches(opa.Der_Procedure_All, '[Zz]665')
                            OR regexp_matches(opa.Der_Procedure_All, '[Oo]162'))))
                  AND COALESCE(opa.Age_at_Start_of_Episode_SUS, opa.Der_Age_at_CDS_Activity_Date) BETWEEN 19 AND 120
             THEN 1 ELSE 0 END AS rule_met,
        -- cancer_diagnosis applies when its published test is FALSE
        CASE WHEN NOT (NOT regexp_matches(apcs.der_diagnosis_all, '[Cc][0-9][0-9]')
                       AND NOT regexp_matches(apcs.der_diagnosis_all, '[Dd]0')
                       AND NOT regexp_matches(apcs.der_diagnosis_all, '[Dd]3[789]')
                       AND NOT regexp_matches(apcs.der_diagnosis_all, '[Dd]4[0-8]'))
             THEN 'cancer_diagnosis' END AS cancer_diagnosis,
        -- private_patient applies when its published test is FALSE
        CASE WHEN NOT (rtrim(apcs.Administrative_Category, ' ') <> '02')
             THEN 'private_patient' END AS private_patient
) AS judged
