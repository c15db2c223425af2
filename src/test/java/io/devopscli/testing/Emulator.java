package io.devopscli.testing;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The AWS emulator the tests run against (moto server, started by `make test`). Its URL comes from the
 * system property devopscli.test.endpoint (failsafe passes it to the @EmulatorTest classes) or
 * AWS_ENDPOINT_URL. There is no skipping: without an emulator every emulator test fails, saying how to
 * start one.
 */
public final class Emulator {
    private Emulator() {
    }

    public static URI endpoint() {
        String url = System.getProperty("devopscli.test.endpoint");
        if (url == null || url.isBlank()) {
            url = System.getenv("AWS_ENDPOINT_URL");
        }
        if ((url == null || url.isBlank()) && System.getenv(ContainerEmulator.IMAGE_VARIABLE) != null) {
            url = ContainerEmulator.url();
        }
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("no AWS emulator: run the tests with `make test`, which starts moto "
                    + "server, or pass -Ddevopscli.test.endpoint=http://127.0.0.1:PORT, or set "
                    + ContainerEmulator.IMAGE_VARIABLE + " where Docker runs (a test class that needs the emulator"
                    + " carries @EmulatorTest: `mvn verify` runs it in failsafe, which passes the endpoint; surefire"
                    + " runs only the pure tests and passes none)");
        }
        return URI.create(url);
    }

    /** Wipes every region's state (moto's reset API) so each test starts from an empty account. */
    public static void reset() {
        try {
            HttpRequest request = HttpRequest.newBuilder(endpoint().resolve("/moto-api/reset"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("emulator reset answered " + response.statusCode());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("emulator at " + endpoint() + " is not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static ClientSettings settings() {
        return ClientSettings.resolve(endpoint().toString(), null);
    }

    /** Clients of one region against the emulator, with their own call counter. */
    public static AwsClients clients(String region) {
        return new AwsClients(region, settings());
    }

    /** Like clients(region), with this session's own AwsCall retry settings. */
    public static AwsClients clients(String region, io.devopscli.aws.CallSettings calls) {
        return new AwsClients(region, settings().withCalls(calls));
    }

    /** A fresh run context for one region, as the engine would build it. */
    public static RegionContext context(String region, String project, AwsClients clients) {
        return new RegionContext(region, project, clients, Progress.SILENT);
    }
}
