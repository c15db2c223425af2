package io.devopscli.sampleapp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    static Stream<Arguments> strings() {
        return Stream.of(
                Arguments.of("plain", "\"plain\""),
                Arguments.of("", "\"\""),
                Arguments.of("say \"hi\"", "\"say \\\"hi\\\"\""),
                Arguments.of("C:\\dir", "\"C:\\\\dir\""),
                Arguments.of("a\nb\rc\td", "\"a\\nb\\rc\\td\""),
                Arguments.of("\b\f", "\"\\b\\f\""),
                Arguments.of("\u0000\u001f", "\"\\u0000\\u001f\""),
                Arguments.of("\u007f", "\"\u007f\""),
                Arguments.of("line\u2028sep\u2029", "\"line\\u2028sep\\u2029\""),
                Arguments.of("/slash</script>", "\"/slash</script>\""),
                Arguments.of("région 東京", "\"région 東京\""),
                Arguments.of("emoji \uD83D\uDE80", "\"emoji \uD83D\uDE80\""),
                Arguments.of("lone \uD83D x", "\"lone \\ud83d x\""),
                Arguments.of("lone \uDE80", "\"lone \\ude80\""));
    }

    @ParameterizedTest
    @MethodSource("strings")
    void escapesStrings(String in, String expected) {
        assertEquals(expected, Json.quote(in));
    }

    @Test
    void encodesAFlatObjectInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "v");
        m.put("i", 200);
        m.put("l", 12L);
        m.put("b", true);
        m.put("n", null);
        m.put("k\"ey", "x");
        assertEquals("{\"s\":\"v\",\"i\":200,\"l\":12,\"b\":true,\"n\":null,\"k\\\"ey\":\"x\"}", Json.object(m));
    }

    @Test
    void encodesAnEmptyObject() {
        assertEquals("{}", Json.object(Map.of()));
    }
}
