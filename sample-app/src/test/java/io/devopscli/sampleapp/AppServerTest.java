package io.devopscli.sampleapp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server in this JVM on an ephemeral loopback port, with the request log captured. */
class AppServerTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private AppServer server;

    private AppServer start(AppConfig config) throws IOException {
        server = new AppServer(config, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8), FIXED);
        server.start();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private List<String> logLines() {
        return logBytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private static AppConfig config(String healthPath) {
        return new AppConfig("orders \"v2\"", 8080, healthPath, "us-east-2", "staging", "abc1234");
    }

    @Test
    void rootDescribesTheDeploymentWithEscapedValues() throws Exception {
        start(config("/health"));
        HttpResponse<String> r = call("GET", "/");
        assertEquals(200, r.statusCode());
        assertEquals("application/json; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("{\"app\":\"orders \\\"v2\\\"\",\"region\":\"us-east-2\",\"environment\":\"staging\","
                + "\"version\":\"abc1234\"}", r.body());
    }

    @Test
    void healthAnswers503UntilReadyAnd200Once() throws Exception {
        start(config("/health"));
        assertTrue(server.isReady());
        assertEquals(200, call("GET", "/health").statusCode());
        assertEquals("{\"status\":\"ok\",\"version\":\"abc1234\"}", call("GET", "/health").body());

        server.setReady(false); // the state before start() finishes, and again while stopping
        HttpResponse<String> notReady = call("GET", "/health");
        assertEquals(503, notReady.statusCode());
        assertEquals("{\"status\":\"starting\"}", notReady.body());
        assertEquals(200, call("GET", "/").statusCode(), "only the health path depends on readiness");
    }

    @Test
    void notReadyBeforeStartAndAfterStop() throws Exception {
        server = new AppServer(config("/health"), new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                new PrintStream(logBytes, true, StandardCharsets.UTF_8), FIXED);
        assertFalse(server.isReady());
        server.start();
        assertTrue(server.isReady());
        server.stop(0);
        assertFalse(server.isReady());
        server = null;
    }

    @Test
    void configuredHealthPathIsServedAndTheDefaultOneIsNot() throws Exception {
        start(config("/internal/ready"));
        assertEquals(200, call("GET", "/internal/ready").statusCode());
        assertEquals(404, call("GET", "/health").statusCode());
    }

    @Test
    void healthPathSetToRootAnswersHealth() throws Exception {
        start(config("/"));
        HttpResponse<String> r = call("GET", "/");
        assertEquals(200, r.statusCode());
        assertEquals("{\"status\":\"ok\",\"version\":\"abc1234\"}", r.body());
    }

    @Test
    void unknownPathIs404Json() throws Exception {
        start(config("/health"));
        HttpResponse<String> r = call("GET", "/nope?x=1");
        assertEquals(404, r.statusCode());
        assertEquals("{\"error\":\"not found\",\"path\":\"/nope\"}", r.body());
        assertEquals(404, call("POST", "/nope").statusCode(), "an unknown path is 404 whatever the method");
    }

    @Test
    void nonGetOnAKnownPathIs405WithAllow() throws Exception {
        start(config("/health"));
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/", "/health")) {
                HttpResponse<String> r = call(method, path);
                assertEquals(405, r.statusCode(), method + " " + path);
                assertEquals("GET", r.headers().firstValue("Allow").orElseThrow(), method + " " + path);
                assertEquals("{\"error\":\"method not allowed\",\"path\":\"" + path + "\"}", r.body());
            }
        }
    }

    @Test
    void headIs405WithoutABody() throws Exception {
        start(config("/health"));
        HttpResponse<String> r = call("HEAD", "/health");
        assertEquals(405, r.statusCode());
        assertEquals("GET", r.headers().firstValue("Allow").orElseThrow());
        assertEquals("", r.body());
    }

    @Test
    void logsOneJsonLinePerRequest() throws Exception {
        start(config("/health"));
        call("GET", "/");
        call("GET", "/health");
        call("GET", "/missing");
        call("DELETE", "/");
        // The line is written after the response completes: wait (bounded) for the last one.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (logLines().size() < 4 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<String> lines = logLines();
        assertEquals(4, lines.size(), String.join("\n", lines));
        Pattern shape = Pattern.compile("\\{\"ts\":\"2025-01-02T03:04:05Z\",\"method\":\"[A-Z]+\",\"path\":\"[^\"]*\","
                + "\"status\":\\d{3},\"duration_ms\":\\d+}");
        for (String line : lines) {
            assertTrue(shape.matcher(line).matches(), line);
        }
        List<String> summary = lines.stream()
                .map(l -> l.replaceAll(".*\"method\":\"([A-Z]+)\",\"path\":\"([^\"]*)\",\"status\":(\\d+).*",
                        "$1 $2 $3"))
                .sorted().toList();
        assertEquals(List.of("DELETE / 405", "GET / 200", "GET /health 200", "GET /missing 404"), summary);
    }
}
