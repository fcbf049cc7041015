-- Backcheck: the EBI measure 2S_lower_back_imaging (Low back pain imaging) as one SELECT,
--   PostgreSQL, NULL policy clinical.
-- Written by `backcheck sql --dialect postgres --null-policy clinical --table opa_extract --grain
--   provider_month --period 2024-04..2025-03 --statement` from the measure definition Backcheck's
--   own engine runs (2S_lower_back_imaging.measure). Generate it again rather than editing it.
-- Measure source: EBI Low back pain imaging, Coding: Code Script and Exclusions (last revised
--   December 2023)
--
-- Counts the rows of opa_extract with an appointment date from 2024-04 to 2025-03 (a date with no
--   month as `backcheck audit` reads it is outside) by provider and month: grain (provider_month),
--   provider, month, records, and the records of each status (counted, excluded, unmatched,
--   rejected), as the rows of this grain in the aggregates.csv of `backcheck audit
--   --no-disclosure-control`.
-- Codes are read as the audit reads them: without surrounding white space, in capitals, 'unknown'
--   when empty or NULL. The month (yyyy-MM) is that of Appointment_Date written yyyy-MM-dd,
--   dd/MM/yyyy or yyyyMMdd after any leading spaces (a time after it ignored), a real date from
--   1990 to 2089; anything else is 'unknown'.
-- No disclosure control: small numbers are not suppressed or rounded. Do not publish the result as
--   it is.
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
-- How PostgreSQL is written:
--   Each LIKE becomes a regular expression that matches the same texts: letters are written in both
--     cases ([Uu]) instead of relying on the engine's case-insensitive matching, and a pattern that
--     does not end in % allows trailing spaces, which T-SQL's LIKE ignores.
--   <> compares without trailing spaces, as T-SQL does; ISNULL(a, b) is COALESCE(a, b).
--   Column names are unquoted, so PostgreSQL reads them in lower case, as a table created without
--     quoted names has them. The table name is quoted: give it as stored.
--   Text columns are best loaded as text (VARCHAR); an empty field may be loaded as NULL or as ''.
SELECT
    'provider_month' AS grain,
    provider,
    month,
    COUNT(*) AS records,
    COUNT(CASE WHEN status = 'counted' THEN 1 END) AS counted,
    COUNT(CASE WHEN status = 'excluded' THEN 1 END) AS excluded,
    COUNT(CASE WHEN status = 'unmatched' THEN 1 END) AS unmatched,
    COUNT(CASE WHEN status = 'rejected' THEN 1 END) AS rejected
FROM (
    -- Each row: its provider and month as the audit reads them, and its status.
    SELECT
        COALESCE(NULLIF(upper(btrim(extract_row.Der_Provider_Code, concat(chr(9), chr(10), chr(11), chr(12), chr(13), chr(28), chr(29), chr(30), chr(31), chr(32)))), ''), 'unknown') AS provider,
        appointment_month.month AS month,
        CASE
            WHEN age_check.Age_at_Start_of_Episode_SUS IS NOT NULL
              OR age_check.Der_Age_at_CDS_Activity_Date IS NOT NULL THEN 'rejected'
            WHEN judged.rule_met = 0 THEN 'unmatched'
            WHEN judged.cancer_diagnosis IS NOT NULL
              OR judged.private_patient IS NOT NULL THEN 'excluded'
            ELSE 'counted'
        END AS status
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
            NULLIF(btrim(extract_row.Age_at_Start_of_Episode_SUS, ' '), '') AS Age_at_Start_of_Episode_SUS,
            NULLIF(btrim(extract_row.Der_Age_at_CDS_Activity_Date, ' '), '') AS Der_Age_at_CDS_Activity_Date
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
                WHEN octet_length(age_digits.Age_at_Start_of_Episode_SUS) > 18 THEN 'Age_at_Start_of_Episode_SUS: number too long'
                WHEN translate(age_digits.Age_at_Start_of_Episode_SUS, '0123456789', '') <> '' THEN 'Age_at_Start_of_Episode_SUS: not a whole number'
                WHEN CAST(field_value.Age_at_Start_of_Episode_SUS AS bigint) NOT BETWEEN -2147483648 AND 2147483647
                    THEN 'Age_at_Start_of_Episode_SUS: outside the range of a whole-number column'
            END AS Age_at_Start_of_Episode_SUS,
            CASE
                WHEN age_digits.Der_Age_at_CDS_Activity_Date IS NULL THEN NULL
                WHEN age_digits.Der_Age_at_CDS_Activity_Date = '' THEN 'Der_Age_at_CDS_Activity_Date: not a whole number'
                WHEN octet_length(age_digits.Der_Age_at_CDS_Activity_Date) > 18 THEN 'Der_Age_at_CDS_Activity_Date: number too long'
                WHEN translate(age_digits.Der_Age_at_CDS_Activity_Date, '0123456789', '') <> '' THEN 'Der_Age_at_CDS_Activity_Date: not a whole number'
                WHEN CAST(field_value.Der_Age_at_CDS_Activity_Date AS bigint) NOT BETWEEN -2147483648 AND 2147483647
                    THEN 'Der_Age_at_CDS_Activity_Date: outside the range of a whole-number column'
            END AS Der_Age_at_CDS_Activity_Date
    ) AS age_check
    -- The published script's table alias opa: the same row (NOTE record_level).
    CROSS JOIN LATERAL (
        SELECT
            field_value.Der_Procedure_All AS Der_Procedure_All,
            CASE WHEN age_check.Age_at_Start_of_Episode_SUS IS NULL
                 THEN CAST(field_value.Age_at_Start_of_Episode_SUS AS bigint) END AS Age_at_Start_of_Episode_SUS,
            CASE WHEN age_check.Der_Age_at_CDS_Activity_Date IS NULL
                 THEN CAST(field_value.Der_Age_at_CDS_Activity_Date AS bigint) END AS Der_Age_at_CDS_Activity_Date
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
            CASE WHEN (opa.Der_Procedure_All ~ '[Uu]05[45]'
                       OR ((opa.Der_Procedure_All ~ '[Uu]13[2356]'
                            OR opa.Der_Procedure_All ~ '[Uu]21[1267]')
                           AND (opa.Der_Procedure_All ~ '[Zz]665'
                                OR opa.Der_Procedure_All ~ '[Oo]162')))
                      AND COALESCE(opa.Age_at_Start_of_Episode_SUS, opa.Der_Age_at_CDS_Activity_Date) BETWEEN 19 AND 120
                 THEN 1 ELSE 0 END AS rule_met,
            -- cancer_diagnosis applies when its published test is FALSE
            CASE WHEN NOT (apcs.der_diagnosis_all !~ '[Cc][0-9][0-9]'
                           AND apcs.der_diagnosis_all !~ '[Dd]0'
                           AND apcs.der_diagnosis_all !~ '[Dd]3[789]'
                           AND apcs.der_diagnosis_all !~ '[Dd]4[0-8]')
                 THEN 'cancer_diagnosis' END AS cancer_diagnosis,
            -- private_patient applies when its published test is FALSE
            CASE WHEN NOT (rtrim(apcs.Administrative_Category, ' ') <> '02')
                 THEN 'private_patient' END AS private_patient
    ) AS judged
    -- The appointment date without leading spaces.
    CROSS JOIN LATERAL (
        SELECT
            ltrim(extract_row.Appointment_Date, ' ') AS date_text
    ) AS appointment_text
    -- Its year, month and day as yyyyMMdd, when it is written yyyy-MM-dd, dd/MM/yyyy or yyyyMMdd;
    -- NULL otherwise.
    CROSS JOIN LATERAL (
        SELECT
            CASE WHEN appointment_text.date_text ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}'
                 THEN concat(substr(appointment_text.date_text, 1, 4), substr(appointment_text.date_text, 6, 2), substr(appointment_text.date_text, 9, 2))
                 WHEN appointment_text.date_text ~ '^[0-9]{2}/[0-9]{2}/[0-9]{4}'
                 THEN concat(substr(appointment_text.date_text, 7, 4), substr(appointment_text.date_text, 4, 2), substr(appointment_text.date_text, 1, 2))
                 WHEN appointment_text.date_text ~ '^[0-9]{8}([ T]|$)'
                 THEN substr(appointment_text.date_text, 1, 8) END AS digits
    ) AS appointment_day
    -- The year, month and day as numbers.
    CROSS JOIN LATERAL (
        SELECT
            cast(substr(appointment_day.digits, 1, 4) AS int) AS y,
            cast(substr(appointment_day.digits, 5, 2) AS int) AS m,
            cast(substr(appointment_day.digits, 7, 2) AS int) AS d
    ) AS appointment_ymd
    -- The month, yyyy-MM, of a date that exists (no 30 February) in the years 1990 to 2089;
    -- 'unknown' for any other date, or none.
    CROSS JOIN LATERAL (
        SELECT
            CASE WHEN appointment_ymd.y BETWEEN 1990 AND 2089 AND appointment_ymd.m BETWEEN 1 AND 12
                  AND appointment_ymd.d BETWEEN 1 AND CASE WHEN appointment_ymd.m = 2 THEN CASE WHEN appointment_ymd.y % 4 = 0 AND (appointment_ymd.y % 100 <> 0 OR appointment_ymd.y % 400 = 0) THEN 29 ELSE 28 END
                     WHEN appointment_ymd.m IN (4, 6, 9, 11) THEN 30 ELSE 31 END
                 THEN concat(substr(appointment_day.digits, 1, 4), '-', substr(appointment_day.digits, 5, 2))
                 ELSE 'unknown' END AS month
    ) AS appointment_month
    -- Only appointments from 2024-04 to 2025-03 (a date without a month is outside).
    WHERE appointment_month.month <> 'unknown'
      AND appointment_month.month BETWEEN '2024-04' AND '2025-03'
) AS judged_row
GROUP BY provider, month
ORDER BY provider, month;
