package io.devopscli.resources.elbv2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Load balancer and target group names: AWS allows at most 32 characters. A longer name is cut and ends
 * in a short hash of the whole name, so it stays deterministic and two long names sharing a prefix still
 * differ. The full name lives on in the Name tag.
 */
public final class ElbNames {
    public static final int MAX_LENGTH = 32;
    private static final int HASH_LENGTH = 6;

    private ElbNames() {
    }

    public static String fit(String name) {
        if (name.length() <= MAX_LENGTH) {
            return name;
        }
        String head = name.substring(0, MAX_LENGTH - HASH_LENGTH - 1);
        // AWS (and the emulator) reject "--" and a name ending in "-", so no hyphen may meet the one we add
        while (head.endsWith("-")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + hash(name);
    }

    private static String hash(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
