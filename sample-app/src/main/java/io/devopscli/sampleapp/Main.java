package io.devopscli.sampleapp;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Entry point: reads the configuration from the environment, serves on 0.0.0.0:APP_PORT, and stops gracefully
 * on SIGTERM (what ECS sends before SIGKILL, 30 s later by default).
 *
 * <p>Exit codes: 64 (EX_USAGE) for an invalid configuration, 69 (EX_UNAVAILABLE) when the port cannot be
 * bound; on SIGTERM the JVM exits with 143 after the shutdown hook has stopped the server.
 */
public final class Main {
    static final int EXIT_USAGE = 64;
    static final int EXIT_UNAVAILABLE = 69;
    /** Seconds the server waits for requests in flight once stopping; well under ECS's 30 s stop timeout. */
    static final int STOP_DELAY_SECONDS = 2;

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AppConfig config;
        try {
            config = AppConfig.fromEnv(System.getenv());
        } catch (AppConfig.InvalidConfigException e) {
            for (String problem : e.problems()) {
                System.err.println("sample-app: invalid configuration: " + problem);
            }
            System.exit(EXIT_USAGE);
            return;
        }

        AppServer server;
        try {
            server = new AppServer(config, new InetSocketAddress(config.port()), out, Clock.systemUTC());
        } catch (IOException e) {
            System.err.println("sample-app: cannot listen on port " + config.port() + ": " + e.getMessage());
            System.exit(EXIT_UNAVAILABLE);
            return;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            event(out, "stopping", config);
            server.stop(STOP_DELAY_SECONDS);
            event(out, "stopped", config);
        }, "shutdown"));

        server.start();
        event(out, "started", config);
    }

    private static void event(PrintStream out, String event, AppConfig config) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", Clock.systemUTC().instant().toString());
        line.put("event", event);
        line.put("app", config.appName());
        line.put("port", config.port());
        line.put("healthCheckPath", config.healthCheckPath());
        line.put("region", config.region());
        line.put("environment", config.environment());
        line.put("version", config.version());
        out.println(Json.object(line));
    }
}
