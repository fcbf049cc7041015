package org.backcheck.service.cdshooks;

import java.util.regex.Pattern;

/** SNOMED CT identifiers: which strings are concept ids, checked before anything is sent to a terminology server. */
final class SctId {

    private static final Pattern SCTID = Pattern.compile("[1-9][0-9]{5,17}");

    private SctId() {
    }

    /**
     * Whether {@code id} is a SNOMED CT concept identifier. Per the SNOMED CT Release File Specification
     * (docs.snomed.org, "6.3 SCTID Constraints", "6.4 Check-digit", "6.5 Partition Identifier"): 6 to 18
     * decimal digits not starting with 0; the second and third digits from the right are the partition,
     * {@code 00} (concept) or {@code 10} (concept in an extension), so description and relationship ids
     * are refused, as FHIR does for codes; the last digit is a Verhoeff (dihedral D5) check digit.
     */
    static boolean isConceptId(String id) {
        if (id == null || !SCTID.matcher(id).matches()) {
            return false;
        }
        String partition = id.substring(id.length() - 3, id.length() - 1);
        return (partition.equals("00") || partition.equals("10")) && Verhoeff.valid(id);
    }

    /** Verhoeff's dihedral D5 check, as the SNOMED CT Release File Specification section 6.4.2 describes it. */
    static final class Verhoeff {
        private static final int[][] MULTIPLY = {
            {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
            {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
            {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
            {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
            {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
            {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
            {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
            {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
            {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
            {9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
        };
        /** Row 0 is the identity and row 1 the given permutation; row i is row i-1 applied after row 1. */
        private static final int[][] PERMUTE = new int[8][10];

        static {
            int[] first = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};
            for (int j = 0; j < 10; j++) {
                PERMUTE[0][j] = j;
                PERMUTE[1][j] = first[j];
            }
            for (int i = 2; i < 8; i++) {
                for (int j = 0; j < 10; j++) {
                    PERMUTE[i][j] = PERMUTE[i - 1][first[j]];
                }
            }
        }

        private Verhoeff() {
        }

        /** Whether the digits, check digit last, pass the check. */
        static boolean valid(String digits) {
            int check = 0;
            for (int position = 0; position < digits.length(); position++) {
                int digit = digits.charAt(digits.length() - 1 - position) - '0';
                check = MULTIPLY[check][PERMUTE[position % 8][digit]];
            }
            return check == 0;
        }
    }
}
