package io.devopscli.health;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One short HTTP GET of the app's URL, as an operator would curl it: status code and time, or why not.
 * Written on a plain socket because the staging environment is reached through a Host header, which
 * java.net.http refuses to set.
 */
public final class HttpProbe {
    private final Duration timeout;

    public HttpProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** The outcome of one probe: "200 in 12 ms" or "unavailable: <reason>". */
    public record Result(boolean reachable, int status, long millis, String detail) {
        public boolean healthy() {
            return reachable && status >= 200 && status < 400;
        }

        @Override
        public String toString() {
            return reachable ? status + " in " + millis + " ms" : "unavailable: " + detail;
        }
    }

    /** GETs an http:// URL, sending hostHeader (or the URL's host) as Host; never throws. */
    public Result get(URI url, String hostHeader) {
        if (!"http".equals(url.getScheme())) {
            return new Result(false, 0, 0, "only http:// URLs are probed, not " + url);
        }
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String host = hostHeader == null ? url.getHost() : hostHeader;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: devops-cli-status\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (statusLine == null || !statusLine.startsWith("HTTP/") || statusLine.split(" ").length < 2) {
                return new Result(false, 0, millis, "not an HTTP answer: " + statusLine);
            }
            return new Result(true, Integer.parseInt(statusLine.split(" ")[1]), millis, "");
        } catch (UnknownHostException e) {
            return new Result(false, 0, 0, "cannot resolve " + url.getHost());
        } catch (SocketTimeoutException e) {
            return new Result(false, 0, 0, "no answer within " + timeout.toMillis() + " ms");
        } catch (ConnectException e) {
            return new Result(false, 0, 0, "connection refused by " + url.getHost() + ":" + port);
        } catch (IOException | NumberFormatException e) {
            return new Result(false, 0, 0, String.valueOf(e.getMessage()));
        }
    }
}
