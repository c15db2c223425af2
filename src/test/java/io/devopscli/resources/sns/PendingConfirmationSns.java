package io.devopscli.resources.sns;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesRequest;
import software.amazon.awssdk.services.sns.model.GetSubscriptionAttributesResponse;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicRequest;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sns.model.SubscribeResponse;
import software.amazon.awssdk.services.sns.model.UnsubscribeRequest;
import software.amazon.awssdk.services.sns.model.UnsubscribeResponse;

/**
 * moto confirms email subscriptions at once; AWS keeps them pending until the recipient clicks the link.
 * This wraps the real emulator client and shows every email subscription the way AWS shows a pending
 * one: "PendingConfirmation" instead of an ARN in lists, PendingConfirmation=true in its attributes.
 * Everything else goes to moto unchanged, and the Unsubscribe calls made are recorded.
 */
final class PendingConfirmationSns implements SnsClient {
    static final String PENDING = "PendingConfirmation";

    private final SnsClient moto;
    final List<String> unsubscribed = new ArrayList<>();

    PendingConfirmationSns(SnsClient moto) {
        this.moto = moto;
    }

    @Override
    public ListSubscriptionsByTopicResponse listSubscriptionsByTopic(ListSubscriptionsByTopicRequest request) {
        ListSubscriptionsByTopicResponse real = moto.listSubscriptionsByTopic(request);
        return real.toBuilder().subscriptions(real.subscriptions().stream()
                .map(s -> "email".equals(s.protocol()) ? s.toBuilder().subscriptionArn(PENDING).build() : s)
                .toList()).build();
    }

    @Override
    public GetSubscriptionAttributesResponse getSubscriptionAttributes(GetSubscriptionAttributesRequest request) {
        Map<String, String> attributes = new HashMap<>(moto.getSubscriptionAttributes(request).attributes());
        attributes.put(PENDING, "true");
        return GetSubscriptionAttributesResponse.builder().attributes(attributes).build();
    }

    @Override
    public SubscribeResponse subscribe(SubscribeRequest request) {
        return moto.subscribe(request);
    }

    @Override
    public UnsubscribeResponse unsubscribe(UnsubscribeRequest request) {
        unsubscribed.add(request.subscriptionArn());
        return moto.unsubscribe(request);
    }

    @Override
    public String serviceName() {
        return moto.serviceName();
    }

    @Override
    public void close() {
        // the harness closes the real client
    }
}
