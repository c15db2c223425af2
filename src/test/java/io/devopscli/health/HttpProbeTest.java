package io.devopscli.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The status probe against a real HTTP server on loopback: the emulator's load balancers have DNS
 * names that do not resolve, so this is the next most real thing.
 */
class HttpProbeTest {
    private final HttpProbe probe = new HttpProbe(Duration.ofSeconds(2));

    @Test
    void reportsStatusAndSendsTheHostHeader() throws Exception {
        AtomicReference<String> host = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            host.set(exchange.getRequestHeaders().getFirst("Host"));
            int code = exchange.getRequestURI().getPath().equals("/health") ? 200 : 503;
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            HttpProbe.Result ok = probe.get(base.resolve("/health"), "staging.app.example.com");
            assertTrue(ok.healthy(), ok.toString());
            assertEquals(200, ok.status());
            assertEquals("staging.app.example.com", host.get());

            HttpProbe.Result down = probe.get(base.resolve("/"), null);
            assertTrue(down.reachable());
            assertFalse(down.healthy());
            assertEquals(503, down.status());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusedAndUnresolvableAreUnavailableWithTheReason() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        HttpProbe.Result refused = probe.get(URI.create("http://127.0.0.1:" + closedPort + "/"), null);
        assertFalse(refused.reachable());
        assertEquals("unavailable: connection refused by 127.0.0.1:" + closedPort, refused.toString());

        HttpProbe.Result unresolvable = probe.get(URI.create("http://no-such-host.invalid/"), null);
        assertEquals("unavailable: cannot resolve no-such-host.invalid", unresolvable.toString());
    }
}
