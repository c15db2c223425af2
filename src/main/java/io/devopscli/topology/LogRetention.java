package io.devopscli.topology;

import java.util.List;
import java.util.stream.Collectors;

/** The retention periods (days) CloudWatch Logs' PutRetentionPolicy accepts. */
final class LogRetention {
    static final List<Integer> DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545,
            731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private LogRetention() {}

    static boolean isAllowed(int days) {
        return DAYS.contains(days);
    }

    /** "30 or 60": the allowed values either side of a rejected one. */
    static String nearest(int days) {
        int below = DAYS.stream().filter(d -> d < days).reduce((a, b) -> b).orElse(-1);
        int above = DAYS.stream().filter(d -> d > days).findFirst().orElse(-1);
        return List.of(below, above).stream().filter(d -> d > 0).map(String::valueOf)
                .collect(Collectors.joining(" or "));
    }
}
