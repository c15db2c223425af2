package io.devopscli.resources.elbv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ElbNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"demo-alb", "p-production", "abcdefghijklmnopqrstuvwxyz-12345"})
    void aNameOfAtMost32CharactersIsKept(String name) {
        assertEquals(name, ElbNames.fit(name));
    }

    @Test
    void aLongerNameIsCutTo32WithAHashOfTheWholeName() {
        String fitted = ElbNames.fit("averylongprojectnamethatgoeson-production");
        assertEquals(32, fitted.length());
        assertTrue(fitted.startsWith("averylongprojectnamethatg-"), fitted);
        assertTrue(fitted.matches("[a-z0-9-]+-[0-9a-f]{6}"), fitted);
    }

    @Test
    void theSameNameAlwaysGivesTheSameResult() {
        assertEquals(ElbNames.fit("a-very-long-project-name-here-production"),
                ElbNames.fit("a-very-long-project-name-here-production"));
    }

    @Test
    void longNamesSharingTheCutPrefixStillDiffer() {
        assertNotEquals(ElbNames.fit("a-very-long-project-name-here-staging"),
                ElbNames.fit("a-very-long-project-name-here-production"));
    }

    @Test
    void aHyphenAtTheCutIsDroppedSoTheNameHasNoDoubleHyphen() {
        // the first 25 characters end in "-": keeping it would give "--", which AWS rejects
        String fitted = ElbNames.fit("abcdefghijklmnopqrstuvwx-yz-0123456789");
        assertFalse(fitted.contains("--"), fitted);
        assertTrue(fitted.startsWith("abcdefghijklmnopqrstuvwx-"), fitted);
        assertTrue(fitted.length() <= 32, fitted);
    }
}
