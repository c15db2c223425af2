package io.devopscli.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects problems while a topology is read, so that all of them are reported at once. */
final class Problems {
    private final String source;
    private final List<Problem> found = new ArrayList<>();

    Problems(String source) {
        this.source = source;
    }

    void at(Node node, String message) {
        at(node.getStartMark(), message);
    }

    void at(Optional<Mark> mark, String message) {
        // Marks are 0-based; editors and compilers count from 1.
        found.add(mark.map(m -> new Problem(source, m.getLine() + 1, m.getColumn() + 1, message))
                .orElseGet(() -> new Problem(source, 1, 1, message)));
    }

    void wholeFile(String message) {
        found.add(new Problem(source, 0, 0, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws when anything was found, with the problems in file order. */
    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidTopologyException(found.stream()
                    .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                    .toList());
        }
    }

    /** Applies a rule that returns what is wrong; a reported value comes back invalid. */
    <T> Value<T> check(Value<T> value, String path, Function<T, Optional<String>> rule) {
        if (!value.ok()) {
            return value;
        }
        Optional<String> wrong = rule.apply(value.value());
        wrong.ifPresent(message -> at(value.node(), path + ": " + message));
        return wrong.isPresent() ? value.invalid() : value;
    }

    Value<Integer> range(Value<Integer> value, String path, int min, int max) {
        return check(value, path, n -> n >= min && n <= max
                ? Optional.empty() : Optional.of(n + " is outside " + min + " to " + max));
    }

    static int lineOf(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
