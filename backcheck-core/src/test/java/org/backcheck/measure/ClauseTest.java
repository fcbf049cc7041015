package org.backcheck.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.backcheck.classify.RuleCase;
import org.junit.jupiter.api.Test;

/** The clause ids the spec cases cite are the ones the measure file declares, and each has a case. */
class ClauseTest {

    private final Measure measure = Measure.lowerBackImaging();

    @Test
    void everyCaseCitesAClauseOfTheMeasureAndEveryClauseHasACase() {
        Set<String> declared = measure.clauses().stream().map(Clause::id).collect(Collectors.toCollection(TreeSet::new));
        Set<String> cited = RuleCase.all().stream().map(RuleCase::clause).collect(Collectors.toCollection(TreeSet::new));
        assertThat(declared).as("clauses declared in the .measure file").isNotEmpty();
        assertThat(declared).as("cited by rule-cases.psv but not declared").containsAll(cited);
        assertThat(cited).as("declared but without a case in rule-cases.psv").containsAll(declared);
    }

    @Test
    void theClausesNameThePartsOfThePublishedRule() {
        Condition.And when = (Condition.And) measure.when();
        Condition.Or procedures = (Condition.Or) when.operands().get(0);
        assertThat(part("W1")).isEqualTo(procedures.operands().get(0));
        assertThat(part("W2")).isEqualTo(procedures.operands().get(1));
        assertThat(part("AGE")).isEqualTo(when.operands().get(1)).isInstanceOf(Condition.Between.class);
        assertThat(((Clause.ExclusionPart) measure.clause("X1").orElseThrow()).exclusion().name())
                .isEqualTo("cancer_diagnosis");
        assertThat(((Clause.ExclusionPart) measure.clause("X2").orElseThrow()).exclusion().name())
                .isEqualTo("private_patient");
        assertThat(((Clause.NotePart) measure.clause("NULL").orElseThrow()).note().id()).isEqualTo("null_policy");
        assertThat(measure.clause("W3")).isEmpty();
    }

    @Test
    void aWhenClauseMustBeAPartOfTheBlockAsWritten() {
        String head = "measure m\nwhen\n  a.x like '%A%' OR a.x like '%B%'\nexclusion e\n  a.y <> '1'\nNOTE: n text\n";
        Measure ok = Measure.parse(head + "clause A when a.x like '%A%'\nclause E exclusion e\nclause N note n\n");
        assertThat(ok.clauses()).extracting(Clause::id).containsExactly("A", "E", "N");

        assertThatThrownBy(() -> Measure.parse(head + "clause C when a.x like '%C%'\n"))
                .hasMessageContaining("line 7").hasMessageContaining("is not a part of the 'when' block");
        assertThatThrownBy(() -> Measure.parse(head + "clause E exclusion nothing\n"))
                .hasMessageContaining("line 7").hasMessageContaining("no exclusion named 'nothing'");
        assertThatThrownBy(() -> Measure.parse(head + "clause N note nothing\n"))
                .hasMessageContaining("no NOTE with id 'nothing'");
        assertThatThrownBy(() -> Measure.parse(head + "clause A when a.x like '%A%'\nclause A note n\n"))
                .hasMessageContaining("duplicate clause id: A");
        assertThatThrownBy(() -> Measure.parse(head + "clause a1 note n\n"))
                .hasMessageContaining("upper case");
        assertThatThrownBy(() -> Measure.parse(head + "clause A then n\n"))
                .hasMessageContaining("not 'then'");
        assertThatThrownBy(() -> Measure.parse(head + "clause A\n"))
                .hasMessageContaining("a clause line is");
    }

    @Test
    void aClauseLineEndsTheBlockBeforeIt() {
        Measure m = Measure.parse("measure m\nexclusion e\n  a.y <> '1'\nclause E exclusion e\nwhen\n  a.x like '%A%'\n");
        assertThat(m.exclusions().get(0).keepWhen()).isEqualTo(ConditionParser.parse("a.y <> '1'"));
        assertThat(m.clauses()).hasSize(1);
    }

    private Condition part(String id) {
        return ((Clause.WhenPart) measure.clause(id).orElseThrow()).condition();
    }
}
