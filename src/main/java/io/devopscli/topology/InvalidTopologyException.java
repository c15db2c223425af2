package io.devopscli.topology;

import java.util.List;
import java.util.stream.Collectors;

/** The topology cannot be used; carries every problem found, in file order. */
public class InvalidTopologyException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidTopologyException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid topology needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
