package io.devopscli.resources.sns;

import static io.devopscli.resources.EngineHarness.key;
import static io.devopscli.resources.sns.TopicReconcilerEmulatorTest.ARN;
import static io.devopscli.resources.sns.TopicReconcilerEmulatorTest.NAME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Plan;
import io.devopscli.engine.RegionGraph;
import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

@EmulatorTest
class EmailSubscriptionReconcilerEmulatorTest {
    private static final ResourceKey TOPIC = key("sns/topic", "approval");
    private static final ResourceKey SUB = key("sns/subscription", "approval-email");
    private static final String EMAIL = "ops@example.com";

    private EngineHarness harness;
    private SnsClient sns;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> graph(g, EMAIL, new EmailSubscriptionReconciler()));
        sns = harness.clients().sns();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static void graph(RegionGraph g, String email, EmailSubscriptionReconciler reconciler) {
        g.add(TOPIC, new TopicReconciler(), new TopicSpec(NAME, "approvals"));
        g.add(SUB, reconciler, new EmailSubscriptionSpec(TOPIC, email), TOPIC);
    }

    @Test
    void basicSubscribesTheAddressByEmail() {
        harness.up();

        List<Subscription> subs = subscriptions();
        assertEquals(1, subs.size());
        assertEquals("email", subs.get(0).protocol());
        assertEquals(EMAIL, subs.get(0).endpoint());
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(SUB).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void aNewAddressReplacesTheOldSubscription() {
        harness.up();
        harness.desire(g -> graph(g, "new@example.com", new EmailSubscriptionReconciler()));

        Change change = EngineHarness.byKey(harness.plan()).get(SUB);
        assertEquals(new Change(SUB, Action.REPLACE,
                List.of(FieldChange.immutable("endpoint", "new@example.com", EMAIL))), change);
        harness.up();

        assertEquals(List.of("new@example.com"), subscriptions().stream().map(Subscription::endpoint).toList());
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void aSubscriptionAddedByHandNextToOursIsNotDrift() {
        harness.up();
        sns.subscribe(r -> r.topicArn(ARN).protocol("email").endpoint("someone@example.com"));

        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        sns.unsubscribe(r -> r.subscriptionArn(subscriptions().get(0).subscriptionArn()));

        assertEquals(List.of(new Change(SUB, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(1, subscriptions().size());
    }

    @Test
    void destroyUnsubscribesThenDeletesTheTopic() {
        harness.up();
        harness.down();
        assertEquals(List.of(), sns.listSubscriptionsPaginator().subscriptions().stream().toList());
        assertEquals(List.of(), sns.listTopicsPaginator().topics().stream().toList());
    }

    /** moto confirms at once; the wrapper shows the subscription as AWS does before the recipient confirms. */
    @Test
    void aPendingSubscriptionIsPresentAndDownSkipsItsUnsubscribe() {
        PendingConfirmationSns pending = new PendingConfirmationSns(sns);
        harness.desire(g -> graph(g, EMAIL, new EmailSubscriptionReconciler(ctx -> pending)));
        harness.up();

        Plan second = harness.plan();
        assertEquals(List.of(), EngineHarness.mutations(second), "pending confirmation is not drift");

        Plan destroy = harness.planDestroy();
        assertEquals(Action.DELETE, EngineHarness.byKey(destroy).get(SUB).action());
        EngineHarness.succeeded(harness.destroy(destroy));
        assertEquals(List.of(), pending.unsubscribed, "no Unsubscribe without an ARN");
        assertTrue(sns.listSubscriptionsPaginator().subscriptions().stream().toList().isEmpty(),
                "deleting the topic took the pending subscription with it");
    }

    /** A pending subscription with an old address is replaced too: the new one is made, the old one expires. */
    @Test
    void aPendingSubscriptionWithAnOldAddressIsReplaced() {
        PendingConfirmationSns pending = new PendingConfirmationSns(sns);
        harness.desire(g -> graph(g, EMAIL, new EmailSubscriptionReconciler(ctx -> pending)));
        harness.up();
        harness.desire(g -> graph(g, "new@example.com", new EmailSubscriptionReconciler(ctx -> pending)));

        assertEquals(Action.REPLACE, EngineHarness.byKey(harness.plan()).get(SUB).action());
        harness.up();
        assertEquals(List.of(), pending.unsubscribed);
        assertTrue(subscriptions().stream().anyMatch(s -> s.endpoint().equals("new@example.com")));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    private List<Subscription> subscriptions() {
        return sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(ARN)).subscriptions().stream().toList();
    }
}
