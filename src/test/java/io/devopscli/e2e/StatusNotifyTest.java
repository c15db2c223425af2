package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.aws.AwsClients;
import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.FaultProxy;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The drift check never cries wolf: with something unreadable (DescribeSubnets failing behind the fault
 * proxy) status --notify publishes a check error under its own subject, not drift, and the dependents are
 * "unknown"; real drift is published as drift. Messages are read from an SQS queue subscribed to the topic.
 */
@EmulatorTest
@RetryBounds(boundMillis = 5000, firstDelayMillis = 100)
class StatusNotifyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;
    private AwsClients clients;
    private String queueUrl;

    @BeforeEach
    void setUp() throws Exception {
        Emulator.reset();
        clients = Emulator.clients("eu-west-1");
    }

    @AfterEach
    void tearDown() {
        clients.close();
    }

    @Test
    void unreadableIsAnErrorWithItsOwnSubjectAndDriftIsDrift() throws Exception {
        Cli topo = new Cli(dir, Cli.TWO_REGIONS);
        assertEquals(0, topo.run("up", "--yes").code());
        subscribeQueue();

        Cli.Result inSync = topo.run("status", "--notify", "--regions", "eu-west-1");
        assertEquals(0, inSync.code(), inSync.toString());
        assertEquals(List.of(), subjects(), "in sync: nothing published");

        Cli.Result unreadable;
        try (FaultProxy proxy = FaultProxy.start("--fail-op", "DescribeSubnets")) {
            unreadable = topo.runAt(proxy.endpoint(), "status", "--notify", "--regions", "eu-west-1", "-o", "json");
        }
        assertEquals(1, unreadable.code(), unreadable.toString());
        List<String> states = new ArrayList<>();
        unreadable.json().path("regions").get(0).path("resources").forEach(r -> states.add(r.path("state").asText()));
        assertTrue(states.contains("unknown"), states.toString());
        assertFalse(states.contains("drifted"), "nothing unread is called drifted: " + states);
        List<String> subjects = subjects();
        assertEquals(1, subjects.size(), subjects.toString());
        assertTrue(subjects.get(0).startsWith("devops-cli drift check error in acme-shop:"), subjects.toString());

        String vpc = clients.ec2().describeVpcs(r -> r.filters(Filter.builder().name("tag:devops-cli:project")
                .values("acme-shop").build())).vpcs().get(0).vpcId();
        clients.ec2().modifyVpcAttribute(r -> r.vpcId(vpc).enableDnsHostnames(AttributeBooleanValue.builder().value(false).build()));
        Cli.Result drifted = topo.run("status", "--notify", "--regions", "eu-west-1");
        assertEquals(0, drifted.code(), drifted.toString());
        assertEquals(List.of("devops-cli drift in acme-shop: 1 resource not as the topology says"), subjects());
    }

    private void subscribeQueue() {
        String topicArn = clients.sns().listTopics().topics().stream().map(t -> t.topicArn())
                .filter(a -> a.endsWith(":" + new ResourceNames("acme-shop", "app").alarmsTopic())).findFirst().orElseThrow();
        queueUrl = clients.sqs().createQueue(r -> r.queueName("notify-test")).queueUrl();
        String queueArn = clients.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        clients.sns().subscribe(r -> r.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    /** The subjects published since the last call, read (and removed) from the subscribed queue. */
    private List<String> subjects() throws Exception {
        List<String> subjects = new ArrayList<>();
        while (true) {
            var messages = clients.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages();
            if (messages.isEmpty()) {
                return subjects;
            }
            for (var m : messages) {
                JsonNode body = JSON.readTree(m.body());
                subjects.add(body.path("Subject").asText());
                clients.sqs().deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
