package org.backcheck.service.cdshooks;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks whether SNOMED CT concepts fall under parent concepts (subsumption), for concepts Backcheck's
 * own list does not know. The curated list stays the first word; this is the optional second one,
 * so every answer says whether it is an answer at all: a concept that could not be checked must
 * never read as "in no red-flag group".
 */
interface SnomedTerminology {

    /**
     * For one concept, which of the groups contain it. A group is a named set of parent concepts
     * ("cancer" -> [363346000, ...]); the concept is in the group when any parent subsumes it or equals it.
     * Never throws for server problems: returns an answer whose status says what went wrong.
     *
     * @throws IllegalArgumentException when the groups themselves are malformed (no groups, a group
     *     without parents, a parent that is not a SNOMED CT concept identifier): a programming error,
     *     not a server problem
     */
    Answer groupsOf(String conceptId, Map<String, List<String>> groups);

    /** Status of one answer. */
    enum Status {
        /** The terminology checked every group; {@link Answer#groups()} is complete. */
        ANSWERED,
        /** No terminology is configured: the concept is unclassified, not safe. */
        NOT_CONFIGURED,
        /** The terminology could not check every group (or the concept id is not one): unclassified. */
        UNAVAILABLE
    }

    /**
     * One answer.
     *
     * @param groups the groups containing the concept (empty when none, and always empty unless ANSWERED);
     *     sorted, so cards built from it come out the same way every time
     * @param problem for UNAVAILABLE, a short reason without patient data or URLs with secrets, e.g.
     *     "no answer within 1.5 s"; null otherwise
     */
    record Answer(Status status, Set<String> groups, String problem) {

        /** The one answer of a terminology that is not there. */
        static final Answer NOT_CONFIGURED = new Answer(Status.NOT_CONFIGURED, Set.of(), null);

        public Answer {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(groups, "groups");
            for (String g : groups) {
                if (g == null || g.isBlank()) {
                    throw new IllegalArgumentException("A group name must not be blank.");
                }
            }
            groups = Collections.unmodifiableSortedSet(new TreeSet<>(groups));
            if (status != Status.ANSWERED && !groups.isEmpty()) {
                throw new IllegalArgumentException("Only an ANSWERED answer names groups.");
            }
            if ((status == Status.UNAVAILABLE) == (problem == null || problem.isBlank())) {
                throw new IllegalArgumentException("An UNAVAILABLE answer, and only that, gives a problem.");
            }
        }

        /** The terminology checked every group; {@code groups} are those containing the concept. */
        static Answer answered(Set<String> groups) {
            return new Answer(Status.ANSWERED, groups, null);
        }

        /** The terminology could not answer; {@code problem} says why in a few words. */
        static Answer unavailable(String problem) {
            return new Answer(Status.UNAVAILABLE, Set.of(), problem);
        }
    }

    /** The terminology used when none is configured: every answer NOT_CONFIGURED. */
    static SnomedTerminology none() {
        return (conceptId, groups) -> Answer.NOT_CONFIGURED;
    }
}
