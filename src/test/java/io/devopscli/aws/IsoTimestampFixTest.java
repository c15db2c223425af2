package io.devopscli.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rewrite of moto's ISO-8601 timestamps to the epoch seconds AWS sends. */
class IsoTimestampFixTest {

    @Test
    void rewritesQuotedDateTimesWithAndWithoutZone() {
        assertEquals("{\"creationDate\": 1700000000.000, \"lastModifiedDate\": 1700000000.500}",
                IsoTimestampFix.rewrite("{\"creationDate\": \"2023-11-14T22:13:20Z\", "
                        + "\"lastModifiedDate\": \"2023-11-14T22:13:20.500000\"}"));
        assertEquals("{\"created\": 1699996400.000}",
                IsoTimestampFix.rewrite("{\"created\": \"2023-11-14T22:13:20+01:00\"}"));
    }

    @Test
    void leavesOtherStringsAlone() {
        String body = "{\"repositoryName\": \"2023-11-14\", \"description\": \"built 2023-11-14T22:13:20Z by ci\"}";
        assertEquals(body, IsoTimestampFix.rewrite(body));
    }
}
