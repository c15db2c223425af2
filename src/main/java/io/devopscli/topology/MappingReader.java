package io.devopscli.topology;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed, position-aware access to one YAML mapping. Unknown and duplicate keys are reported when it is
 * opened; missing required keys and wrong types when a key is read. Every getter returns a {@link Value}
 * that is empty when the problem has been reported, so callers skip checks that would only repeat it.
 */
final class MappingReader {
    private final MappingNode node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Map<String, Node> seen = new HashMap<>();

    private MappingReader(MappingNode node, String path, List<String> keys, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        for (NodeTuple entry : node.getValue()) {
            indexKey(entry, keys);
        }
    }

    /** Opens a mapping, or reports that the node is not one. */
    static Optional<MappingReader> open(Node node, String path, List<String> keys, Problems problems) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new MappingReader(mapping, path, keys, problems));
        }
        problems.at(node, label(path) + "expected a mapping, found " + describe(node));
        return Optional.empty();
    }

    Node node() {
        return node;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** The value node of a key that is present and not null; reports a missing required key. */
    Optional<Node> get(String key, boolean required) {
        NodeTuple entry = entries.get(key);
        if (entry == null || isNull(entry.getValueNode())) {
            if (required && entry == null) {
                problems.at(node, "missing required key '" + key + "'" + (path.isEmpty() ? "" : " in " + path));
            } else if (required) {
                problems.at(entry.getValueNode(), path(key) + ": a value is required");
            }
            return Optional.empty();
        }
        return Optional.of(entry.getValueNode());
    }

    /** A string; {@code fallback} null makes the key required. */
    Value<String> string(String key, String fallback) {
        Optional<Node> found = get(key, fallback == null);
        if (found.isEmpty()) {
            return new Value<>(fallback, node);
        }
        Node value = found.get();
        if (value instanceof ScalarNode scalar) {
            return new Value<>(scalar.getValue(), value);
        }
        problems.at(value, path(key) + ": expected a string, found " + describe(value));
        return new Value<>(null, value);
    }

    /** A whole number that fits an int; {@code fallback} null makes the key required. */
    Value<Integer> integer(String key, Integer fallback) {
        Optional<Node> found = get(key, fallback == null);
        if (found.isEmpty()) {
            return new Value<>(fallback, node);
        }
        Node value = found.get();
        if (value instanceof ScalarNode scalar && Tag.INT.equals(scalar.getTag())) {
            BigInteger number = parseInt(scalar.getValue());
            if (number.bitLength() < 32) {
                return new Value<>(number.intValue(), value);
            }
            problems.at(value, path(key) + ": number " + scalar.getValue() + " is too large");
        } else if (value instanceof ScalarNode scalar && Tag.FLOAT.equals(scalar.getTag())) {
            problems.at(value, path(key) + ": expected a whole number, found " + scalar.getValue());
        } else if (value instanceof ScalarNode scalar && !scalar.isPlain() && scalar.getValue().matches("-?\\d+")) {
            problems.at(value, path(key) + ": expected a number, found the quoted string \"" + scalar.getValue()
                    + "\" (remove the quotes)");
        } else {
            problems.at(value, path(key) + ": expected a number, found " + describe(value));
        }
        return new Value<>(null, value);
    }

    /** true or false; {@code fallback} null makes the key required. */
    Value<Boolean> bool(String key, Boolean fallback) {
        Optional<Node> found = get(key, fallback == null);
        if (found.isEmpty()) {
            return new Value<>(fallback, node);
        }
        Node value = found.get();
        if (value instanceof ScalarNode scalar && Tag.BOOL.equals(scalar.getTag())) {
            return new Value<>(Boolean.parseBoolean(scalar.getValue().toLowerCase(Locale.ROOT)), value);
        }
        problems.at(value, path(key) + ": expected true or false, found " + describe(value));
        return new Value<>(null, value);
    }

    /** A nested mapping with its own known keys. */
    Optional<MappingReader> mapping(String key, boolean required, List<String> keys) {
        return get(key, required).flatMap(value -> open(value, path(key), keys, problems));
    }

    /** A sequence node. */
    Optional<SequenceNode> sequence(String key, boolean required) {
        Optional<Node> found = get(key, required);
        if (found.isPresent() && !(found.get() instanceof SequenceNode)) {
            problems.at(found.get(), path(key) + ": expected a list, found " + describe(found.get()));
            return Optional.empty();
        }
        return found.map(SequenceNode.class::cast);
    }

    private void indexKey(NodeTuple entry, List<String> keys) {
        Node keyNode = entry.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalar)) {
            problems.at(keyNode, label(path) + "keys must be plain words, found " + describe(keyNode));
            return;
        }
        String key = scalar.getValue();
        Node first = seen.putIfAbsent(key, keyNode);
        if (first != null) {
            problems.at(keyNode, "duplicate key '" + key + "'" + (path.isEmpty() ? "" : " in " + path)
                    + " (first at line " + Problems.lineOf(first) + ")");
            return;
        }
        if (!keys.contains(key)) {
            String where = path.isEmpty() ? " at top level" : " in " + path;
            String hint = Suggestions.closest(key, keys)
                    .map(c -> "; did you mean '" + c + "'?")
                    .orElseGet(() -> " (valid keys: " + String.join(", ", keys) + ")");
            problems.at(keyNode, "unknown key '" + key + "'" + where + hint);
            return;
        }
        entries.put(key, entry);
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** Core-schema integers: decimal with sign, 0o octal, 0x hex. */
    private static BigInteger parseInt(String text) {
        if (text.startsWith("0x")) {
            return new BigInteger(text.substring(2), 16);
        }
        if (text.startsWith("0o")) {
            return new BigInteger(text.substring(2), 8);
        }
        return new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    }

    private static String label(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        return isNull(scalar) ? "nothing" : "'" + scalar.getValue() + "'";
    }
}
