package io.devopscli.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {

    @ParameterizedTest
    @CsvSource({"kitten, sitting, 3", "'', abc, 3", "abc, abc, 0", "us-est-1, us-east-1, 1", "ab, ba, 2"})
    void levenshtein(String a, String b, int distance) {
        assertEquals(distance, Suggestions.distance(a, b));
        assertEquals(distance, Suggestions.distance(b, a));
    }

    @Test
    void suggestsTheClosestWithinTwoEdits() {
        assertEquals(Optional.of("us-east-1"), Suggestions.closest("us-est-1", AwsRegions.NAMES));
        assertEquals(Optional.of("natGateways"), Suggestions.closest("NATGATEWAYS", List.of("azs", "natGateways")));
        assertEquals(Optional.of("eu-west-2"), Suggestions.closest("eu-wst-2", AwsRegions.NAMES));
        assertEquals(Optional.empty(), Suggestions.closest("mars-north-1", AwsRegions.NAMES));
        // two letters are always two edits from any other two: no suggestion
        assertEquals(Optional.empty(), Suggestions.closest("ab", List.of("cd")));
    }
}
