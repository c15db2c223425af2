package io.devopscli.resources.lambda;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * A deployment package (zip or jar) and its SHA-256 in base64, which is how Lambda reports CodeSha256:
 * comparing the two tells a new package (an update) from an unchanged one. missing is set, with what to
 * do, when there is no package: plans still show the function, and creating or updating it fails saying so.
 */
public record FunctionCode(String sha256, long size, Supplier<byte[]> bytes, String missing) {

    public static FunctionCode of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new FunctionCode(sha256Base64(copy), copy.length, () -> copy, null);
    }

    public static FunctionCode missing(String why) {
        return new FunctionCode("(no package: " + why + ")", 0, () -> {
            throw new IllegalStateException("no deployment package: " + why);
        }, why);
    }

    public static String sha256Base64(byte[] bytes) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Override
    public String toString() {
        return missing != null ? sha256 : sha256 + " (" + size + " bytes)";
    }
}
