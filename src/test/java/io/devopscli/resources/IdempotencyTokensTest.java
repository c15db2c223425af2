package io.devopscli.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdempotencyTokensTest {

    @Test
    void sameInputsSameTokenWithinEc2AndEcsLimits() {
        String token = IdempotencyTokens.of("nat-gateway", "p", "us-east-1", "a", "subnet-1", "eipalloc-1", "");
        assertEquals(token, IdempotencyTokens.of("nat-gateway", "p", "us-east-1", "a", "subnet-1", "eipalloc-1", ""));
        assertTrue(token.length() <= 36 && token.matches("[0-9a-f]+"), token);
    }

    @Test
    void anyDifferentPartGivesAnotherToken() {
        String base = IdempotencyTokens.of("p", "us-east-1", "a");
        assertNotEquals(base, IdempotencyTokens.of("p", "us-west-2", "a"));
        assertNotEquals(base, IdempotencyTokens.of("p", "us-east-1", "a", "nat-old"));
        assertNotEquals(IdempotencyTokens.of("ab", "c"), IdempotencyTokens.of("a", "bc"));
    }
}
