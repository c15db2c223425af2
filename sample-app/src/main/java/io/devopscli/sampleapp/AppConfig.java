package io.devopscli.sampleapp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The service's configuration, read from environment variables. Parsing is pure (it takes a map), so it is
 * tested without starting a server.
 *
 * <p>An unset, empty or blank variable means "use the default": ECS task definitions and shells often pass
 * empty values, and treating those as errors would only surprise. Every invalid value is reported at once.
 */
public record AppConfig(String appName, int port, String healthCheckPath, String region, String environment,
                        String version) {

    public static final String APP_NAME = "APP_NAME";
    public static final String APP_PORT = "APP_PORT";
    public static final String HEALTH_CHECK_PATH = "HEALTH_CHECK_PATH";
    public static final String AWS_REGION = "AWS_REGION";
    public static final String APP_ENVIRONMENT = "APP_ENVIRONMENT";
    public static final String APP_VERSION = "APP_VERSION";

    public static final String DEFAULT_APP_NAME = "app";
    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HEALTH_CHECK_PATH = "/health";
    public static final String DEFAULT_REGION = "local";
    public static final String DEFAULT_ENVIRONMENT = "local";
    public static final String DEFAULT_VERSION = "dev";

    /** An ALB health check path is at most 1024 characters. */
    static final int MAX_PATH_LENGTH = 1024;
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,5}");
    /** Printable ASCII except space, '?' and '#': the path is compared with the request's path, not a query. */
    private static final Pattern PATH_CHARS = Pattern.compile("[\\x21-\\x7e&&[^?#]]*");

    public AppConfig {
        Objects.requireNonNull(appName, "appName");
        Objects.requireNonNull(healthCheckPath, "healthCheckPath");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(version, "version");
    }

    /** Thrown when one or more variables hold invalid values; the message names each of them. */
    public static final class InvalidConfigException extends Exception {
        private final List<String> problems;

        InvalidConfigException(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    public static AppConfig fromEnv(Map<String, String> env) throws InvalidConfigException {
        List<String> problems = new ArrayList<>();

        int port = DEFAULT_PORT;
        String rawPort = value(env, APP_PORT);
        if (rawPort != null) {
            if (!DIGITS.matcher(rawPort).matches()) {
                problems.add(APP_PORT + " must be a port number from 1 to 65535, got '" + rawPort + "'");
            } else {
                port = Integer.parseInt(rawPort);
                if (port < 1 || port > 65535) {
                    problems.add(APP_PORT + " must be a port number from 1 to 65535, got " + port);
                }
            }
        }

        String path = orDefault(env, HEALTH_CHECK_PATH, DEFAULT_HEALTH_CHECK_PATH);
        if (!path.startsWith("/")) {
            problems.add(HEALTH_CHECK_PATH + " must start with '/', got '" + path + "'");
        } else if (path.length() > MAX_PATH_LENGTH) {
            problems.add(HEALTH_CHECK_PATH + " must be at most " + MAX_PATH_LENGTH + " characters, got "
                    + path.length());
        } else if (!PATH_CHARS.matcher(path).matches()) {
            problems.add(HEALTH_CHECK_PATH + " must be a plain path (printable ASCII, no spaces, '?' or '#'), got '"
                    + path + "'");
        }

        if (!problems.isEmpty()) {
            throw new InvalidConfigException(problems);
        }
        return new AppConfig(
                orDefault(env, APP_NAME, DEFAULT_APP_NAME),
                port,
                path,
                orDefault(env, AWS_REGION, DEFAULT_REGION),
                orDefault(env, APP_ENVIRONMENT, DEFAULT_ENVIRONMENT),
                orDefault(env, APP_VERSION, DEFAULT_VERSION));
    }

    /** The trimmed value, or null when unset or blank. */
    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        return v.strip();
    }

    private static String orDefault(Map<String, String> env, String name, String fallback) {
        String v = value(env, name);
        return v == null ? fallback : v;
    }
}
