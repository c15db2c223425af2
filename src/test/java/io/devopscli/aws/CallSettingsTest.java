package io.devopscli.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.LoopbackEndpoint;
import io.devopscli.testing.LoopbackEndpoint.Answer;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * AwsCall's bound and first delay belong to the session whose client failed, on whatever thread the call
 * runs: two sessions sharing one pool thread keep their own. The endpoint answers DependencyViolation
 * (retryable for AwsCall, final for the SDK) to every call, so the attempts a call makes show its bound.
 */
class CallSettingsTest {
    private static final Answer DEPENDENCY_VIOLATION = new Answer(400, "text/xml",
            "<Response><Errors><Error><Code>DependencyViolation</Code><Message>in use</Message></Error></Errors>"
                    + "<RequestID>r-1</RequestID></Response>");

    @Test
    void twoSessionsOnOneThreadKeepTheirOwnBounds() throws Exception {
        CallSettings noRetry = new CallSettings(Duration.ZERO, Duration.ofMillis(10));
        CallSettings retrying = new CallSettings(Duration.ofSeconds(2), Duration.ofMillis(10));
        ExecutorService shared = Executors.newSingleThreadExecutor();
        try (LoopbackEndpoint endpoint = new LoopbackEndpoint(r -> DEPENDENCY_VIOLATION);
             AwsClients a = session(endpoint, noRetry);
             AwsClients b = session(endpoint, retrying)) {
            // a, then b, then a again on the same pool thread: nothing of b's stays behind for a
            for (AwsClients session : java.util.List.of(a, b, a)) {
                shared.submit(() -> assertThrows(AwsFailure.class,
                        () -> AwsCall.run(() -> session.once().ec2().deleteVpc(r -> r.vpcId("vpc-1"))))).get();
            }
            assertEquals(2, a.settings().counter().total(), "one attempt per call: a's bound is zero");
            assertTrue(b.settings().counter().total() >= 5, "b retried within its 2 s: " + b.settings().counter().total());
        } finally {
            shared.shutdownNow();
        }
    }

    @Test
    void aFailureFromNoSessionClientUsesTheThreadsSettingsThenTheDefault() {
        AtomicInteger attempts = new AtomicInteger();
        Runnable failing = () -> {
            attempts.incrementAndGet();
            throw AwsServiceException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("DependencyViolation").build()).build();
        };
        try (CallSettings.Installed ignored = new CallSettings(Duration.ZERO, Duration.ofMillis(5)).install()) {
            assertEquals(Duration.ZERO, CallSettings.current().bound());
            assertThrows(AwsFailure.class, () -> AwsCall.run(failing));
            assertEquals(1, attempts.get());
        }
        assertEquals(CallSettings.DEFAULT, CallSettings.current(), "closing restores the previous settings");
    }

    @Test
    void aSessionTakesTheSettingsOfTheThreadThatOpensIt() {
        CallSettings mine = new CallSettings(Duration.ofSeconds(3), Duration.ofMillis(20));
        try (CallSettings.Installed ignored = mine.install()) {
            assertEquals(mine, ClientSettings.resolve(null, null).calls());
        }
        assertEquals(CallSettings.DEFAULT, ClientSettings.resolve(null, null).calls());
    }

    private static AwsClients session(LoopbackEndpoint endpoint, CallSettings calls) {
        return new AwsClients("us-east-1", ClientSettings.resolve(endpoint.url().toString(), null).withCalls(calls));
    }
}
