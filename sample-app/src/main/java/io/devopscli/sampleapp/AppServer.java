package io.devopscli.sampleapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP service: {@code GET /} describes the deployment, {@code GET <healthCheckPath>} answers the load
 * balancer. Every request is logged as one JSON line on the given stream (stdout in production, which the
 * awslogs driver ships to CloudWatch Logs, where Logs Insights discovers JSON fields by itself).
 *
 * <p>Readiness: the health path answers 503 until {@link #start()} has finished, and again from the moment
 * {@link #stop(int)} begins, so a load balancer stops routing to a task that is draining.
 */
public final class AppServer {
    private static final int WORKER_THREADS = 16;

    private final String healthBody;
    private final AppConfig config;
    private final PrintStream log;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final AtomicBoolean ready = new AtomicBoolean(false);
    private final String infoBody;

    /** Binds the socket (so a port conflict fails here) but does not accept requests yet. */
    public AppServer(AppConfig config, InetSocketAddress bindAddress, PrintStream log, Clock clock)
            throws IOException {
        this.config = config;
        this.log = log;
        this.clock = clock;
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("app", config.appName());
        info.put("region", config.region());
        info.put("environment", config.environment());
        info.put("version", config.version());
        this.infoBody = Json.object(info);
        // the health answer names the version too: the commit the build stamped (APP_VERSION), so a probe of
        // the health path alone tells which code a region runs
        this.healthBody = "{\"status\":\"ok\",\"version\":" + Json.quote(config.version()) + "}";
        this.server = HttpServer.create(bindAddress, 0);
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(WORKER_THREADS, r -> {
            Thread t = new Thread(r, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
        ready.set(true);
    }

    /** The port actually bound (useful when the bind address asked for port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    boolean isReady() {
        return ready.get();
    }

    /** Readiness as the health path reports it; tests use this to check the not-ready answer. */
    void setReady(boolean value) {
        ready.set(value);
    }

    /**
     * Stops answering the health check as healthy, then closes the listener and waits up to
     * {@code delaySeconds} for exchanges in flight to finish.
     */
    public void stop(int delaySeconds) {
        ready.set(false);
        server.stop(delaySeconds);
        executor.shutdown();
        try {
            executor.awaitTermination(delaySeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        long startNanos = System.nanoTime();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        try {
            respond(exchange, method, exchange.getRequestURI().getPath());
        } catch (RuntimeException e) {
            if (exchange.getResponseCode() == -1) {
                send(exchange, method, 500, error("internal error", path));
            }
            throw e;
        } finally {
            exchange.close();
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            // -1 only when the response could not even begin (the client had gone away).
            logRequest(method, path, exchange.getResponseCode(), ms);
        }
    }

    private int respond(HttpExchange exchange, String method, String path) throws IOException {
        boolean known = path.equals(config.healthCheckPath()) || path.equals("/");
        if (!known) {
            return send(exchange, method, 404, error("not found", path));
        }
        if (!method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            return send(exchange, method, 405, error("method not allowed", path));
        }
        // The health path wins if it is configured as "/": what the load balancer asks must answer health.
        if (path.equals(config.healthCheckPath())) {
            return ready.get()
                    ? send(exchange, method, 200, healthBody)
                    : send(exchange, method, 503, "{\"status\":\"starting\"}");
        }
        return send(exchange, method, 200, infoBody);
    }

    private static String error(String message, String path) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        body.put("path", path);
        return Json.object(body);
    }

    private static int send(HttpExchange exchange, String method, int status, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (method.equals("HEAD")) {
            // A HEAD response carries no body; the server would reject bytes written after a length of 0.
            exchange.sendResponseHeaders(status, -1);
            return status;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        return status;
    }

    private void logRequest(String method, String path, int status, long durationMs) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", clock.instant().toString());
        line.put("method", method);
        line.put("path", path);
        line.put("status", status);
        line.put("duration_ms", durationMs);
        log.println(Json.object(line));
    }
}
