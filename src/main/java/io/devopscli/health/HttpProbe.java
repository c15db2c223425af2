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
    private final javax.net.ssl.SSLSocketFactory tls;

    public HttpProbe(Duration timeout) {
        this(timeout, (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault());
    }

    /** tls: how https:// probes open TLS (the JDK's trust store by default; a test passes its own). */
    public HttpProbe(Duration timeout, javax.net.ssl.SSLSocketFactory tls) {
        this.timeout = timeout;
        this.tls = tls;
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

    /**
     * GETs an http:// or https:// URL, sending hostHeader (or the URL's host) as Host; never throws. Over
     * HTTPS the same name goes in SNI and the certificate must be valid for it (the load balancer's own
     * DNS name is not on the certificate, the app's domain is).
     */
    public Result get(URI url, String hostHeader) {
        boolean https = "https".equals(url.getScheme());
        if (!https && !"http".equals(url.getScheme())) {
            return new Result(false, 0, 0, "only http:// and https:// URLs are probed, not " + url);
        }
        int port = url.getPort() > 0 ? url.getPort() : https ? 443 : 80;
        String host = hostHeader == null ? url.getHost() : hostHeader;
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        long start = System.nanoTime();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(url.getHost(), port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            Socket socket = https ? tls(plain, host, port) : plain;
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
        } catch (javax.net.ssl.SSLException e) {
            return new Result(false, 0, 0, "TLS with " + host + " failed: " + e.getMessage());
        } catch (IOException | NumberFormatException e) {
            return new Result(false, 0, 0, String.valueOf(e.getMessage()));
        }
    }

    /** TLS over the connected socket, with SNI and hostname verification for host. */
    private Socket tls(Socket plain, String host, int port) throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.createSocket(plain, host, port, true);
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.matches("[0-9.]+")) {
            parameters.setServerNames(java.util.List.of(new javax.net.ssl.SNIHostName(host)));
        }
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }
}
