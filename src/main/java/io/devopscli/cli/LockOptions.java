package io.devopscli.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The lock option of the commands that change things (up, down, failover). */
final class LockOptions {
    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0", converter = DurationConverter.class,
            description = "How long to wait for another run's project lock, e.g. 30s, 10m "
                    + "(default: ${DEFAULT-VALUE}: fail at once, naming the holder).")
    Duration lockTimeout;

    /** 0, 45s, 10m, 1h: what operators type, rather than ISO-8601's PT10M. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 0, 30s, 10m or 1h");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }
}
