package io.devopscli.topology;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and values: the closest candidate within a small edit distance. */
final class Suggestions {
    private static final int MAX_DISTANCE = 2;

    private Suggestions() {}

    static Optional<String> closest(String input, Collection<String> candidates) {
        String typed = input.toLowerCase(Locale.ROOT);
        return candidates.stream()
                .filter(c -> {
                    int d = distance(typed, c.toLowerCase(Locale.ROOT));
                    // a two-letter word is two edits away from anything of two letters: no suggestion
                    return d <= MAX_DISTANCE && d < typed.length();
                })
                .min(Comparator.comparingInt(c -> distance(typed, c.toLowerCase(Locale.ROOT))));
    }

    /** "; did you mean 'x'?" or, without a close candidate, "; expected one of a, b, c". */
    static String hint(String input, Collection<String> candidates) {
        return closest(input, candidates)
                .map(c -> "; did you mean '" + c + "'?")
                .orElseGet(() -> "; expected one of " + String.join(", ", candidates));
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
