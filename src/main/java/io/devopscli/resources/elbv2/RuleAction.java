package io.devopscli.resources.elbv2;

import io.devopscli.engine.ResourceKey;
import io.devopscli.resources.ec2.ParentIds;
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
public record RuleAction(String type, List<String> targetGroupArns) {
    public RuleAction {
        targetGroupArns = List.copyOf(targetGroupArns);
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
        return new RuleAction(a.typeAsString(), groups);
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
    static String render(List<RuleAction> actions, ParentIds parents) {
        return actions.stream().map(a -> a.targetGroupArns().isEmpty() ? a.type()
                        : a.type() + ":" + a.targetGroupArns().stream().map(parents::render).collect(Collectors.joining("+")))
                .collect(Collectors.joining(", "));
    }
}
