package org.backcheck.guidance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The clinical decision table in spec/assessment-cases.psv. */
class AssessmentCasesTest {

    private static final Assessor ASSESSOR = Assessor.standard();

    static Stream<AssessmentCase> cases() {
        return AssessmentCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachVignetteGetsItsRecommendation(AssessmentCase c) {
        Assessment a = ASSESSOR.assess(c.request());
        assertThat(a.recommendation().id()).as("recommendation").isEqualTo(c.recommendation());
        assertThat(a.findings()).extracting(Recommendation::id).as("findings").containsExactlyElementsOf(c.findings());
        assertThat(a.urgency() == null ? null : a.urgency().id()).as("urgency").isEqualTo(c.urgency());
        assertThat(a.suspected()).extracting(Pathology::id).as("suspected").containsExactlyElementsOf(c.suspected());
    }
}
