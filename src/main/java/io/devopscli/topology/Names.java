package io.devopscli.topology;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Naming rules for the strings of a topology; each check returns what is wrong, or empty. */
final class Names {
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{1,30}");
    private static final Pattern APP = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    private static final Pattern REPOSITORY = Pattern.compile("[\\w.-]{1,100}");
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    // git check-ref-format's forbidden characters, plus whitespace
    private static final Pattern BAD_REF_CHARS = Pattern.compile("[\\s~^:?*\\[\\\\]|\\.\\.|@\\{|//");

    private Names() {}

    /** The project names every resource and the ownership tag, so keep it short and DNS-friendly. */
    static Optional<String> project(String name) {
        if (!PROJECT.matcher(name).matches()) {
            return Optional.of("'" + name + "' must be 2 to 31 characters of a-z, 0-9 and '-', starting with a letter");
        }
        return hyphens(name);
    }

    static Optional<String> app(String name) {
        if (!APP.matcher(name).matches()) {
            return Optional.of("'" + name + "' must be 1 to 31 characters of a-z, 0-9 and '-', starting with a letter");
        }
        return hyphens(name);
    }

    /**
     * An environment names AWS resources (its target group, ECS service, alarms) and its host
     * "<environment>.<domain>", so it follows the same rule as the app's name: a DNS label in lower case.
     */
    static Optional<String> environment(String name) {
        if (!APP.matcher(name).matches()) {
            return Optional.of("'" + name + "' is not a valid environment name: it must be 1 to 31 characters of"
                    + " a-z, 0-9 and '-', starting with a letter (it names AWS resources and the host <name>.<domain>)");
        }
        return hyphens(name);
    }

    private static Optional<String> hyphens(String name) {
        if (name.endsWith("-") || name.contains("--")) {
            return Optional.of("'" + name + "' must not end with '-' or contain '--'");
        }
        return Optional.empty();
    }

    /** CodeCommit: 1 to 100 of letters, digits, '_', '.', '-'; the suffix .git is reserved. */
    static Optional<String> repository(String name) {
        if (!REPOSITORY.matcher(name).matches()) {
            return Optional.of("'" + name + "' must be 1 to 100 characters of letters, digits, '_', '.' and '-'");
        }
        if (name.toLowerCase(Locale.ROOT).endsWith(".git")) {
            return Optional.of("'" + name + "' must not end with .git (CodeCommit reserves it)");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' is not a repository name");
        }
        return Optional.empty();
    }

    static Optional<String> branch(String name) {
        if (name.isBlank()) {
            return Optional.of("the branch name is empty");
        }
        if (BAD_REF_CHARS.matcher(name).find() || name.startsWith("-") || name.startsWith("/")
                || name.endsWith("/") || name.endsWith(".") || name.endsWith(".lock")) {
            return Optional.of("'" + name + "' is not a valid git branch name");
        }
        return Optional.empty();
    }

    static Optional<String> email(String address) {
        if (address.length() > 254 || !EMAIL.matcher(address).matches() || address.contains("..")) {
            return Optional.of("'" + address + "' is not an email address");
        }
        return Optional.empty();
    }

    /** A fully qualified DNS name of at least two labels; a trailing dot is allowed (Route 53 adds one). */
    static Optional<String> dnsName(String name) {
        String bare = dnsKey(name);
        String[] labels = bare.split("\\.", -1);
        if (bare.length() > 253 || labels.length < 2) {
            return Optional.of("'" + name + "' is not a fully qualified DNS name (e.g. example.com)");
        }
        for (String label : labels) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return Optional.of("'" + name + "' is not a valid DNS name: label '" + label
                        + "' must be 1 to 63 characters of a-z, 0-9 and '-', not starting or ending with '-'");
            }
        }
        return Optional.empty();
    }

    /** DNS names compare case-insensitively and without the root's trailing dot. */
    static String dnsKey(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    static boolean isInside(String domain, String zone) {
        String d = dnsKey(domain);
        String z = dnsKey(zone);
        return d.equals(z) || d.endsWith("." + z);
    }
}
