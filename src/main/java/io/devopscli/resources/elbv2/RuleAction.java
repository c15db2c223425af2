package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Refs;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ActionTypeEnum;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * A listener's or rule's action as diff needs it: its type and, for forward, the target groups. AWS
 * reports a plain forward both as TargetGroupArn and as a one-group ForwardConfig; both read the same.
 */
public record RuleAction(String type, List<String> targetGroupArns, String redirect) {
    /** What a redirect to HTTPS renders as: protocol, port and status code. */
    static final String TO_HTTPS = "HTTPS:443 HTTP_301";

    public RuleAction {
        targetGroupArns = List.copyOf(targetGroupArns);
    }

    RuleAction(String type, List<String> targetGroupArns) {
        this(type, targetGroupArns, null);
    }

    static List<RuleAction> of(List<Action> actions) {
        return actions.stream().map(RuleAction::of).toList();
    }

    static RuleAction of(Action a) {
        List<String> groups = new ArrayList<>();
        if (a.targetGroupArn() != null) {
            groups.add(a.targetGroupArn());
        } else if (a.forwardConfig() != null) {
            a.forwardConfig().targetGroups().stream().map(TargetGroupTuple::targetGroupArn).forEach(groups::add);
        }
        String redirect = a.redirectConfig() == null ? null
                : a.redirectConfig().protocol() + ":" + a.redirectConfig().port() + " " + a.redirectConfig().statusCodeAsString();
        return new RuleAction(a.typeAsString(), groups, redirect);
    }

    /** The request's action: a permanent redirect of the same host, path and query to HTTPS on 443. */
    static Action redirectToHttps() {
        return Action.builder().type(ActionTypeEnum.REDIRECT).redirectConfig(r -> r.protocol("HTTPS").port("443")
                .host("#{host}").path("/#{path}").query("#{query}")
                .statusCode(software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionStatusCodeEnum.HTTP_301))
                .build();
    }

    /** The request's action: forward everything to one target group. */
    static Action forward(String targetGroupArn) {
        return Action.builder().type(ActionTypeEnum.FORWARD).targetGroupArn(targetGroupArn).build();
    }

    /** What diff shows for the spec: "forward:production" (the target group's graph name). */
    static String desired(ResourceKey targetGroup) {
        return "forward:" + targetGroup.name();
    }

    /** The actual actions in the same form; a target group not of the graph shows as its ARN. */
    static String render(List<RuleAction> actions, Refs parents) {
        return actions.stream().map(a -> a.redirect() != null ? a.type() + ":" + a.redirect()
                        : a.targetGroupArns().isEmpty() ? a.type()
                        : a.type() + ":" + a.targetGroupArns().stream().map(parents::render).collect(Collectors.joining("+")))
                .collect(Collectors.joining(", "));
    }
}
