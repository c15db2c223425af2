package io.devopscli.resources;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic client tokens: the same parts give the same token, so a create retried after a lost
 * answer (or re-run after a crash) returns the first resource instead of making a second one. The parts
 * should include every parameter of the call: AWS rejects a reused token with different parameters.
 */
public final class IdempotencyTokens {
    /** EC2 accepts at most 64 ASCII characters; ECS 36. 32 hex digits (128 bits) fit both. */
    private static final int HEX_DIGITS = 32;

    private IdempotencyTokens() {
    }

    public static String of(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0); // a separator, so ("ab","c") and ("a","bc") differ
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
