package io.devopscli.resources.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BucketNamesTest {
    private static final String RULES = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";

    @Test
    void aShortNameIsKeptAndLowercased() {
        assertEquals("shop-artifacts-eu-west-1-123456789012", BucketNames.artifacts("Shop-artifacts", "eu-west-1", "123456789012"));
    }

    @Test
    void aLongNameIsCutToSixtyThreeWithAHashOfTheWholeName() {
        String base = "a-very-long-project-name-xyzw-artifacts"; // a 31-character project
        String name = BucketNames.artifacts(base, "ap-southeast-2", "123456789012");
        assertEquals(63, name.length(), name);
        assertTrue(name.matches(RULES), name);
        assertTrue(name.startsWith("a-very-long-project-name-xyzw-artifacts-ap-southeast"), name);
        assertEquals(name, BucketNames.artifacts(base, "ap-southeast-2", "123456789012"), "deterministic");
        assertNotEquals(name, BucketNames.artifacts(base, "ap-southeast-2", "210987654321"), "the account still counts");
    }

    @Test
    void theCutNeverLeavesAHyphenBeforeTheHash() {
        String name = BucketNames.fit("x".repeat(53) + "-" + "y".repeat(20));
        assertTrue(name.matches(RULES), name);
        assertTrue(!name.contains("--"), name);
        assertTrue(name.length() <= 63, name);
    }

    @Test
    void sixtyThreeIsStillFine() {
        String exact = "b".repeat(63);
        assertEquals(exact, BucketNames.fit(exact));
        assertEquals(63, BucketNames.fit("b".repeat(64)).length());
    }
}
