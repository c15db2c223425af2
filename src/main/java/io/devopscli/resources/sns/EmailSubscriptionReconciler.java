package io.devopscli.resources.sns;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.Subscription;

/**
 * An email subscription to one of our topics. Subscriptions carry no tags, so ownership comes from the
 * topic: the parent's id is only published for a topic carrying our ownership tag, and the topic exists
 * for this one subscription. Publishes the subscription ARN (nothing depends on it).
 *
 * <p>Scope: this reconciler keeps our subscription present. An email subscription to the topic with
 * the wanted address is ours, confirmed or pending (a recipient who has not clicked the link yet is not
 * drift). When there is none, another email subscription on the topic is taken to be ours with an old
 * address (the topology's email was changed), and the endpoint being immutable, the plan replaces it.
 * Further subscriptions someone added by hand next to ours are left alone and are not drift.
 */
public final class EmailSubscriptionReconciler implements Reconciler<EmailSubscriptionSpec, EmailSubscriptionState> {
    static final String EMAIL = "email";

    private final Function<RegionContext, SnsClient> clients;

    public EmailSubscriptionReconciler() {
        this(ctx -> ctx.services(AwsClients.class).sns());
    }

    /** Tests hand in an SNS client that shows subscriptions as pending, which the emulator never does. */
    public EmailSubscriptionReconciler(Function<RegionContext, SnsClient> clients) {
        this.clients = clients;
    }

    @Override
    public Optional<EmailSubscriptionState> observe(EmailSubscriptionSpec spec, RegionContext ctx) {
        Optional<String> topicArn = ctx.idOf(spec.topic());
        if (topicArn.isEmpty()) {
            return Optional.empty(); // the topic is created in this run, and this with it
        }
        List<Subscription> emails = AwsCall.orEmpty(() -> clients.apply(ctx)
                        .listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn.get())).subscriptions().stream()
                        .filter(s -> EMAIL.equals(s.protocol())).toList())
                .orElse(List.of());
        Optional<Subscription> wanted = emails.stream().filter(s -> spec.email().equals(s.endpoint()))
                .min(Comparator.comparing(s -> isPending(s.subscriptionArn()))); // a confirmed one first
        Optional<Subscription> ours = wanted.or(() -> emails.stream()
                .min(Comparator.comparing(Subscription::endpoint).thenComparing(Subscription::subscriptionArn)));
        return ours.map(s -> new EmailSubscriptionState(topicArn.get(), s.endpoint(), s.subscriptionArn(),
                isPending(s.subscriptionArn())));
    }

    @Override
    public List<FieldChange> diff(EmailSubscriptionSpec spec, EmailSubscriptionState actual) {
        // SNS has no way to change a subscription's endpoint: a new address is a new subscription
        return new Diffs().immutable("endpoint", spec.email(), actual.endpoint()).toList();
    }

    @Override
    public EmailSubscriptionState create(EmailSubscriptionSpec spec, RegionContext ctx) {
        SnsClient sns = clients.apply(ctx);
        String topicArn = ctx.requireId(spec.topic());
        // Subscribe is idempotent for the same topic, protocol and endpoint. returnSubscriptionArn gives
        // the real ARN even while confirmation is pending, which lets us ask whether it is.
        String arn = AwsCall.call(() -> sns.subscribe(r -> r.topicArn(topicArn).protocol(EMAIL)
                .endpoint(spec.email()).returnSubscriptionArn(true))).subscriptionArn();
        boolean pending = AwsCall.orEmpty(() -> sns.getSubscriptionAttributes(r -> r.subscriptionArn(arn)))
                .map(r -> "true".equalsIgnoreCase(r.attributes().get("PendingConfirmation"))).orElse(true);
        if (pending) {
            ctx.progress().info("sns subscription of " + spec.email() + " to " + topicArn
                    + ": AWS sent a confirmation email; it stays pending until the recipient confirms");
        }
        return new EmailSubscriptionState(topicArn, spec.email(), arn, pending);
    }

    @Override
    public void delete(EmailSubscriptionState actual, RegionContext ctx) {
        if (actual.pending()) {
            // SNS lists a pending subscription without an ARN, so there is nothing Unsubscribe could be
            // given. It expires by itself after three days, and deleting its topic removes it at once.
            ctx.progress().info("sns subscription of " + actual.endpoint() + " to " + actual.topicArn()
                    + " is pending confirmation and cannot be unsubscribed; it expires unconfirmed after 3 days"
                    + " (deleting the topic removes it)");
            return;
        }
        AwsCall.ignoringNotFound(() -> clients.apply(ctx).unsubscribe(r -> r.subscriptionArn(actual.subscriptionArn())));
    }

    @Override
    public String id(EmailSubscriptionState actual) {
        return actual.subscriptionArn();
    }

    /** "PendingConfirmation" in lists, "pending confirmation" from Subscribe without returnSubscriptionArn. */
    static boolean isPending(String subscriptionArn) {
        return subscriptionArn == null || !subscriptionArn.startsWith("arn:");
    }
}
