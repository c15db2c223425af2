package io.devopscli.sampleapp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Starts target/sample-app.jar (built by `package`, run by failsafe) as a separate JVM, as the container's
 * ENTRYPOINT does, and talks to it over loopback HTTP.
 */
class SampleAppIT {
    private static final List<String> APP_VARIABLES = List.of("APP_NAME", "APP_PORT", "HEALTH_CHECK_PATH",
            "AWS_REGION", "APP_ENVIRONMENT", "APP_VERSION");
    private static final Pattern REQUEST_LINE = Pattern.compile(
            "\\{\"ts\":\"[^\"]+\",\"method\":\"([A-Z]+)\",\"path\":\"([^\"]*)\",\"status\":(-?\\d+),\"duration_ms\":\\d+}");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    @TempDir
    Path tmp;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A running (or finished) app process. Its stdout and stderr go to files rather than pipes: Process.destroy()
     * closes the pipes it owns, which would lose the lines the shutdown hook writes after SIGTERM.
     */
    private record App(Process process, Path stdoutFile, Path stderrFile) {
        List<String> stdout() throws IOException {
            return Files.readAllLines(stdoutFile, StandardCharsets.UTF_8);
        }

        List<String> stderr() throws IOException {
            return Files.readAllLines(stderrFile, StandardCharsets.UTF_8);
        }
    }

    private App launch(Map<String, String> env) throws IOException {
        Path jar = Paths.get(System.getProperty("sampleapp.jar", "target/sample-app.jar"));
        assertTrue(Files.isRegularFile(jar), "the jar is built by `package` before this test: " + jar);
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString());
        pb.environment().keySet().removeAll(APP_VARIABLES); // whatever the machine running the tests has set
        pb.environment().putAll(env);
        Path out = tmp.resolve("stdout.log");
        Path err = tmp.resolve("stderr.log");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        process = pb.start();
        process.getOutputStream().close(); // the app reads no stdin
        return new App(process, out, err);
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private HttpResponse<String> call(int port, String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesConfiguredValuesLogsEachRequestAndStopsOnSigterm() throws Exception {
        int port = freeLoopbackPort();
        App app = launch(Map.of(
                "APP_NAME", "orders",
                "APP_PORT", Integer.toString(port),
                "HEALTH_CHECK_PATH", "/internal/health",
                "AWS_REGION", "us-east-2",
                "APP_ENVIRONMENT", "staging",
                "APP_VERSION", "3f2a9c1"));
        List<String> expectedRequests = new ArrayList<>();

        // Poll the health path until 200, bounded. Refused connections are not requests, so are not logged;
        // any answer that is not 200 (the server is up but not ready yet) is logged like any other.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        int healthStatus = -1;
        while (healthStatus != 200) {
            if (!app.process().isAlive()) {
                fail("the app exited with " + app.process().exitValue() + "; stderr: " + app.stderr());
            }
            if (System.nanoTime() > deadline) {
                fail("health path never answered 200; stdout: " + app.stdout() + " stderr: " + app.stderr());
            }
            try {
                HttpResponse<String> r = call(port, "GET", "/internal/health");
                healthStatus = r.statusCode();
                expectedRequests.add("GET /internal/health " + healthStatus);
                if (healthStatus == 200) {
                    assertEquals("{\"status\":\"ok\",\"version\":\"3f2a9c1\"}", r.body(), "the health answer names the stamped version");
                }
            } catch (IOException notListeningYet) {
                // connection refused: the JVM is still starting
            }
            if (healthStatus != 200) {
                Thread.sleep(50);
            }
        }

        HttpResponse<String> root = call(port, "GET", "/");
        assertEquals(200, root.statusCode());
        assertEquals("{\"app\":\"orders\",\"region\":\"us-east-2\",\"environment\":\"staging\",\"version\":\"3f2a9c1\"}",
                root.body());
        expectedRequests.add("GET / 200");

        HttpResponse<String> missing = call(port, "GET", "/health");
        assertEquals(404, missing.statusCode(), "only the configured health path is served");
        assertEquals("{\"error\":\"not found\",\"path\":\"/health\"}", missing.body());
        expectedRequests.add("GET /health 404");

        HttpResponse<String> post = call(port, "POST", "/");
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("Allow").orElseThrow());
        expectedRequests.add("POST / 405");

        // SIGTERM, as ECS sends when it stops a task.
        app.process().destroy();
        assertTrue(app.process().waitFor(15, TimeUnit.SECONDS), "the app did not stop within 15 s of SIGTERM");
        int exit = app.process().exitValue();
        assertTrue(exit == 0 || exit == 143, "exit code after SIGTERM: " + exit + "; stderr: " + app.stderr());

        List<String> stdout = app.stdout();
        List<String> requests = new ArrayList<>();
        for (String line : stdout) {
            Matcher m = REQUEST_LINE.matcher(line);
            if (m.matches()) {
                requests.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
            } else {
                assertTrue(line.matches("\\{\"ts\":\"[^\"]+\",\"event\":\"(started|stopping|stopped)\",.*"),
                        "unexpected stdout line: " + line);
            }
        }
        List<String> expectedSorted = new ArrayList<>(expectedRequests);
        Collections.sort(expectedSorted);
        Collections.sort(requests);
        assertEquals(expectedSorted, requests, "one log line per request; stdout: " + stdout);
        assertTrue(stdout.stream().anyMatch(l -> l.contains("\"event\":\"stopping\"")), String.join("\n", stdout));
        assertTrue(stdout.stream().anyMatch(l -> l.contains("\"event\":\"stopped\"")), String.join("\n", stdout));
        assertEquals(List.of(), app.stderr());
    }

    @Test
    void invalidConfigurationExits64WithAMessageNamingEachVariable() throws Exception {
        App app = launch(Map.of("APP_PORT", "eighty", "HEALTH_CHECK_PATH", "health"));
        assertTrue(app.process().waitFor(15, TimeUnit.SECONDS), "the app should exit by itself");
        assertEquals(64, app.process().exitValue());
        assertEquals(List.of(
                "sample-app: invalid configuration: APP_PORT must be a port number from 1 to 65535, got 'eighty'",
                "sample-app: invalid configuration: HEALTH_CHECK_PATH must start with '/', got 'health'"),
                app.stderr());
        assertEquals(List.of(), app.stdout());
    }

    @Test
    void portAlreadyInUseExits69() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) { // the wildcard address, which the app binds too
            App app = launch(Map.of("APP_PORT", Integer.toString(taken.getLocalPort())));
            assertTrue(app.process().waitFor(15, TimeUnit.SECONDS), "the app should exit by itself");
                assertEquals(69, app.process().exitValue(), "stderr: " + app.stderr());
            assertEquals(1, app.stderr().size(), "stderr: " + app.stderr());
            assertTrue(app.stderr().get(0).startsWith("sample-app: cannot listen on port " + taken.getLocalPort()),
                    app.stderr().get(0));
        }
    }
}
