package org.backcheck.service.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Validation of feedback bodies against the CDS Hooks 2.0 Feedback rules. */
class FeedbackRequestTest {

    static final String CARD = "4e0a3a1e-3283-4575-ab82-028d55fe2719";

    private static FeedbackRequest parse(String json) {
        return FeedbackRequest.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheSpecificationsExamples() {
        FeedbackRequest r = parse("""
                {"feedback":[
                  {"card":"4e0a3a1e-3283-4575-ab82-028d55fe2719","outcome":"accepted",
                   "acceptedSuggestions":[{"id":"e56e1945-20b3-4393-8503-a1a20fd73152"}],
                   "outcomeTimestamp":"2020-12-11T00:00:00Z"},
                  {"card":"f6b95768-b1c8-40dc-8385-bf3504b82ffb","outcome":"overridden",
                   "outcomeTimestamp":"2020-12-11T00:00:00Z"},
                  {"card":"9368d37b-283f-44a0-93ea-547cebab93ed","outcome":"overridden",
                   "overrideReason":{"reason":{"code":"d7ecf885","system":"https://example.com/cds-hooks/override-reason-system"},
                                     "userComment":"A comment entered by the clinician."},
                   "outcomeTimestamp":"2020-12-11T01:00:00+01:00","extension":{"x":1}}
                ]}""");
        assertThat(r.truncatedComments()).isZero();
        assertThat(r.entries()).containsExactly(
                new FeedbackEntry(UUID.fromString(CARD), Outcome.ACCEPTED, List.of("e56e1945-20b3-4393-8503-a1a20fd73152"),
                        null, null, Instant.parse("2020-12-11T00:00:00Z")),
                new FeedbackEntry(UUID.fromString("f6b95768-b1c8-40dc-8385-bf3504b82ffb"), Outcome.OVERRIDDEN, List.of(),
                        null, null, Instant.parse("2020-12-11T00:00:00Z")),
                new FeedbackEntry(UUID.fromString("9368d37b-283f-44a0-93ea-547cebab93ed"), Outcome.OVERRIDDEN, List.of(),
                        new Coding("d7ecf885", "https://example.com/cds-hooks/override-reason-system", null),
                        "A comment entered by the clinician.", Instant.parse("2020-12-11T00:00:00Z")));
    }

    @Test
    void cutsLongCommentsToAThousandCharacters() {
        String comment = "\uD83D\uDE00".repeat(1_500); // code points outside the BMP: cut by code point, not char
        FeedbackRequest r = parse("{\"feedback\":[{\"card\":\"" + CARD + "\",\"outcome\":\"overridden\","
                + "\"overrideReason\":{\"userComment\":\"" + comment + "\"},\"outcomeTimestamp\":\"2020-12-11T00:00:00Z\"}]}");
        assertThat(r.truncatedComments()).isEqualTo(1);
        String kept = r.entries().get(0).userComment();
        assertThat(kept.codePointCount(0, kept.length())).isEqualTo(FeedbackRequest.MAX_COMMENT_CHARS);
    }

    private static final String T = "\"outcomeTimestamp\":\"2020-12-11T00:00:00Z\"";
    private static final String C = "\"card\":\"" + CARD + "\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not json               | {                                                                   | ``                               | not valid JSON
            array body             | []                                                                  | ``                               | must be a JSON object
            no feedback            | {}                                                                  | feedback                         | required
            feedback not array     | {"feedback":{}}                                                     | feedback                         | must be an array
            empty feedback         | {"feedback":[]}                                                     | feedback                         | must not be empty
            element not object     | {"feedback":[1]}                                                    | feedback[0]                      | must be an object
            missing card           | {"feedback":[{"outcome":"overridden",T}]}                           | feedback[0].card                 | required
            card not uuid          | {"feedback":[{"card":"abc","outcome":"overridden",T}]}              | feedback[0].card                 | must be the card's uuid
            card not string        | {"feedback":[{"card":1,"outcome":"overridden",T}]}                  | feedback[0].card                 | must be a string
            missing outcome        | {"feedback":[{C,T}]}                                                | feedback[0].outcome              | required
            bad outcome            | {"feedback":[{C,"outcome":"ignored",T}]}                            | feedback[0].outcome              | must be "accepted" or "overridden", not "ignored"
            accepted without list  | {"feedback":[{C,"outcome":"accepted",T}]}                           | feedback[0].acceptedSuggestions  | required with outcome "accepted"
            accepted empty list    | {"feedback":[{C,"outcome":"accepted","acceptedSuggestions":[],T}]}  | feedback[0].acceptedSuggestions  | non-empty array
            suggestion without id  | {"feedback":[{C,"outcome":"accepted","acceptedSuggestions":[{}],T}]} | feedback[0].acceptedSuggestions[0].id | required
            suggestion not object  | {"feedback":[{C,"outcome":"accepted","acceptedSuggestions":["x"],T}]} | feedback[0].acceptedSuggestions[0] | must be an object
            suggestions overridden | {"feedback":[{C,"outcome":"overridden","acceptedSuggestions":[{"id":"x"}],T}]} | feedback[0].acceptedSuggestions | allowed only with outcome "accepted"
            reason with accepted   | {"feedback":[{C,"outcome":"accepted","acceptedSuggestions":[{"id":"x"}],"overrideReason":{},T}]} | feedback[0].overrideReason | allowed only with outcome "overridden"
            reason not object      | {"feedback":[{C,"outcome":"overridden","overrideReason":"no",T}]}   | feedback[0].overrideReason       | must be an object
            coding without system  | {"feedback":[{C,"outcome":"overridden","overrideReason":{"reason":{"code":"a"}},T}]} | feedback[0].overrideReason.reason.system | required
            coding not object      | {"feedback":[{C,"outcome":"overridden","overrideReason":{"reason":"a"},T}]} | feedback[0].overrideReason.reason | must be a Coding
            comment not string     | {"feedback":[{C,"outcome":"overridden","overrideReason":{"userComment":5},T}]} | feedback[0].overrideReason.userComment | must be a string
            missing timestamp      | {"feedback":[{C,"outcome":"overridden"}]}                           | feedback[0].outcomeTimestamp     | required
            timestamp no offset    | {"feedback":[{C,"outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00"}]} | feedback[0].outcomeTimestamp | with an offset
            timestamp a date       | {"feedback":[{C,"outcome":"overridden","outcomeTimestamp":"2020-12-11"}]} | feedback[0].outcomeTimestamp | ISO-8601
            year +99999            | {"feedback":[{C,"outcome":"overridden","outcomeTimestamp":"+99999-01-01T00:00:00Z"}]} | feedback[0].outcomeTimestamp | between 2000-01-01
            year 1066              | {"feedback":[{C,"outcome":"overridden","outcomeTimestamp":"1066-10-14T09:00:00Z"}]} | feedback[0].outcomeTimestamp | between 2000-01-01
            year 2999              | {"feedback":[{C,"outcome":"overridden","outcomeTimestamp":"2999-01-01T00:00:00+01:00"}]} | feedback[0].outcomeTimestamp | between 2000-01-01
            second element         | {"feedback":[{C,"outcome":"overridden",T},{C,"outcome":"x",T}]}     | feedback[1].outcome              | must be
            duplicate key          | {"feedback":[{C,C,"outcome":"overridden",T}]}                       | ``                               | Duplicate field 'card'
            """)
    void refusesWithTheFieldNamed(String name, String json, String field, String message) {
        String body = json.replace("T}", T + "}").replace("{C,", "{" + C + ",").replace(",C,", "," + C + ",");
        assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(InvalidFeedbackException.class, e -> {
            assertThat(e.field()).isEqualTo(field == null || field.isEmpty() ? null : field);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void refusesMoreThanAHundredElements() {
        String one = "{\"card\":\"" + CARD + "\",\"outcome\":\"overridden\"," + T + "}";
        String body = "{\"feedback\":[" + String.join(",", java.util.Collections.nCopies(101, one)) + "]}";
        assertThatThrownBy(() -> parse(body)).hasMessageContaining("at most 100");
    }
}
