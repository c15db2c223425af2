package io.devopscli.resources.cloudwatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTreeDiffTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"a\":1,\"b\":[1,2]}           | {\"b\":[1,2],\"a\":1}            | ''",
            "{\"a\":1}                       | {\"a\":1.0}                      | ''",
            "{\"w\":[{\"t\":\"x\"}]}         | {\"w\":[{\"t\":\"y\"}]}          | w[0].t = \"x\" / \"y\"",
            "{\"w\":[1,2]}                   | {\"w\":[2,1]}                    | w[0] = 1 / 2",
            "{\"w\":[1,2]}                   | {\"w\":[1]}                      | w[1] = 2 / (absent)",
            "{\"w\":[1]}                     | {\"w\":[1,3]}                    | w[1] = (absent) / 3",
            "{\"a\":1}                       | {\"a\":1,\"z\":true}             | z = (absent) / true",
            "{\"a\":\"1\"}                   | {\"a\":1}                        | a = \"1\" / 1",
            "{\"a\":1}                       | []                               | (root) = {\"a\":1} / []"})
    void reportsTheFirstDifferingPath(String desired, String actual, String expected) throws Exception {
        Optional<String> difference = JsonTreeDiff.first(JSON.readTree(desired), JSON.readTree(actual))
                .map(d -> d.path() + " = " + d.desired() + " / " + d.actual());
        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected), difference);
    }
}
