package io.devopscli.resources.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import io.devopscli.resources.AccountId;
import io.devopscli.testing.LoopbackEndpoint;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A bucket the plan found missing is created without a look before it or a HeadBucket poll after it; S3's
 * brief NoSuchBucket right after a create is retried on the first settings write. moto never answers
 * NoSuchBucket after a create, so a scripted loopback endpoint plays S3 and records the calls. Fails if a
 * look or a poll comes back, or if the NoSuchBucket is not retried.
 */
class ArtifactBucketCreateTest {
    private static final String XML = "application/xml";

    @Test
    void createsThenWritesItsSettingsRetryingTheFirstOnNoSuchBucket() {
        AtomicInteger tagWrites = new AtomicInteger();
        try (LoopbackEndpoint s3 = new LoopbackEndpoint(r -> r.query() != null && r.query().startsWith("tagging")
                && tagWrites.getAndIncrement() == 0
                ? new LoopbackEndpoint.Answer(404, XML, "<Error><Code>NoSuchBucket</Code><Message>not yet</Message></Error>")
                : new LoopbackEndpoint.Answer(200, XML, ""));
             AwsClients clients = new AwsClients("eu-west-1", ClientSettings.resolve(s3.url().toString(), null))) {
            RegionContext ctx = new RegionContext("eu-west-1", "proj", clients, Progress.SILENT);
            ctx.memo(AccountId.MEMO, () -> "123456789012");
            new ArtifactBucketReconciler().create(new ArtifactBucketSpec("proj-artifacts", 30), ctx);

            List<String> calls = s3.requests().stream().map(r -> r.method() + " ?" + (r.query() == null ? "" : r.query()))
                    .toList();
            assertEquals(List.of("PUT ?", "PUT ?tagging", "PUT ?tagging"), calls.subList(0, 3), calls.toString());
            assertEquals(List.of("PUT ?encryption", "PUT ?lifecycle", "PUT ?publicAccessBlock", "PUT ?versioning"),
                    calls.subList(3, calls.size()).stream().sorted().toList(), calls.toString());
        }
    }
}
