package io.devopscli.resources.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Compares two JSON documents as trees: object key order and number notation (1 vs 1.0) do not matter,
 * array order does. Reports the first difference as a path ("widgets[2].properties.title") with both values.
 */
public final class JsonTreeDiff {
    static final int MAX_VALUE_CHARS = 60;

    /** Where two trees first differ, the desired and actual value there (absent when missing). */
    public record Difference(String path, String desired, String actual) {}

    private JsonTreeDiff() {
    }

    public static Optional<Difference> first(JsonNode desired, JsonNode actual) {
        return first("", desired, actual);
    }

    private static Optional<Difference> first(String path, JsonNode desired, JsonNode actual) {
        if (desired == null || actual == null) {
            return desired == actual ? Optional.empty() : Optional.of(difference(path, desired, actual));
        }
        if (desired.isNumber() && actual.isNumber()) {
            return desired.decimalValue().compareTo(actual.decimalValue()) == 0
                    ? Optional.empty() : Optional.of(difference(path, desired, actual));
        }
        if (desired.isObject() && actual.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            desired.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                Optional<Difference> d = first(path.isEmpty() ? name : path + "." + name, desired.get(name), actual.get(name));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        if (desired.isArray() && actual.isArray()) {
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            for (JsonNode d : desired) {
                Optional<Difference> diff = first(path + "[" + i + "]", d, a.hasNext() ? a.next() : null);
                if (diff.isPresent()) {
                    return diff;
                }
                i++;
            }
            return a.hasNext() ? Optional.of(difference(path + "[" + i + "]", null, a.next())) : Optional.empty();
        }
        return desired.equals(actual) ? Optional.empty() : Optional.of(difference(path, desired, actual));
    }

    private static Difference difference(String path, JsonNode desired, JsonNode actual) {
        return new Difference(path.isEmpty() ? "(root)" : path, show(desired), show(actual));
    }

    private static String show(JsonNode node) {
        if (node == null) {
            return "(absent)";
        }
        String text = node.toString();
        return text.length() <= MAX_VALUE_CHARS ? text : text.substring(0, MAX_VALUE_CHARS - 3) + "...";
    }
}
