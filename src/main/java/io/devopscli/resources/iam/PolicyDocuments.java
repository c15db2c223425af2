package io.devopscli.resources.iam;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads policy documents for comparison. IAM returns them URL-encoded and reformatted, so two documents
 * are compared as JSON trees (key order and whitespace do not matter), never as strings.
 */
public final class PolicyDocuments {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PolicyDocuments() {
    }

    /** Parses a document as IAM returns it (URL-encoded) or as written (plain JSON). */
    public static JsonNode parse(String document) {
        String text = document.strip();
        if (!text.startsWith("{")) {
            // RFC 3986 decoding: a literal '+' stays '+' (URLDecoder alone would make it a space)
            text = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON policy document: " + e.getOriginalMessage(), e);
        }
    }
}
