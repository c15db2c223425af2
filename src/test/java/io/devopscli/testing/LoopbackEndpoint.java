package io.devopscli.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * An HTTP server on loopback that plays an AWS endpoint from a script: it records every request (the
 * X-Amz-Target or Action named, the path) and answers what the script says. For what the emulator cannot
 * show: a behaviour that must differ between an endpoint with a gap and AWS.
 */
public final class LoopbackEndpoint implements AutoCloseable {
    /** One answer: status, content type, body. */
    public record Answer(int status, String contentType, String body) {
        public static Answer json(String body) {
            return new Answer(200, "application/x-amz-json-1.1", body);
        }
    }

    /**
     * What reached the server: the operation (X-Amz-Target's last part, or the query Action), the path, and
     * the method and query string (which name a REST API's operation, such as S3's PUT ?tagging).
     */
    public record Request(String operation, String path, String method, String query) {}

    private final HttpServer server;
    private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

    public LoopbackEndpoint(Function<Request, Answer> script) {
        this(script, false);
    }

    /**
     * @param concurrent answer requests on a thread each (the script must be thread-safe), so a test can see
     *                   how many a client has in flight at once; else one at a time, in arrival order
     */
    public LoopbackEndpoint(Function<Request, Answer> script, boolean concurrent) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (concurrent) {
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String operation = target != null ? target.substring(target.lastIndexOf('.') + 1)
                    : body.replaceFirst("(?s).*Action=([A-Za-z]+).*", "$1");
            Request request = new Request(operation, exchange.getRequestURI().getPath(), exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawQuery());
            requests.add(request);
            Answer answer = script.apply(request);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The operations received so far, in order. */
    public List<String> operations() {
        synchronized (requests) {
            return requests.stream().map(Request::operation).toList();
        }
    }

    public List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
