package io.devopscli.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpResponse;

/** moto's HTML 500 for an action it lacks becomes a terminal, named error instead of minutes of retries. */
@EmulatorTest
@RetryBounds(boundMillis = 5000, firstDelayMillis = 50)
class UnimplementedActionTest {

    @Test
    void onlyAnHtmlServerErrorIsRewritten() {
        assertTrue(UnimplementedAction.isHtmlServerError(response(500, "text/html; charset=utf-8")));
        assertFalse(UnimplementedAction.isHtmlServerError(response(500, "application/x-amz-json-1.1")));
        assertFalse(UnimplementedAction.isHtmlServerError(response(200, "text/html; charset=utf-8")));
        assertFalse(UnimplementedAction.isHtmlServerError(response(503, "text/html")));
    }

    @Test
    void aCallMotoLacksFailsAtOnceAsNotImplementedByEndpoint() {
        Emulator.reset();
        try (AwsClients clients = Emulator.clients("us-east-1")) {
            String arn = clients.codecommit().createRepository(r -> r.repositoryName("probe")).repositoryMetadata().arn();
            long start = System.nanoTime();
            AwsFailure f = assertThrows(AwsFailure.class,
                    () -> AwsCall.call(() -> clients.codecommit().listTagsForResource(r -> r.resourceArn(arn))));
            assertEquals(UnimplementedAction.CODE, f.code());
            assertEquals(AwsErrors.Kind.TERMINAL, f.kind());
            assertTrue(f.getMessage().contains("does not implement ListTagsForResource"), f.getMessage());
            assertTrue(UnimplementedAction.isCause(f));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "no retries");
        }
    }

    private static SdkHttpResponse response(int status, String contentType) {
        return SdkHttpResponse.builder().statusCode(status).putHeader("Content-Type", contentType).build();
    }
}
