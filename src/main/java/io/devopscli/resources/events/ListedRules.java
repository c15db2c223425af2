package io.devopscli.resources.events;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Rule;

/**
 * The project's EventBridge rules of a region from one ListRules (name prefix: the project) per run and
 * region, answered as DescribeRule would: what replaces a DescribeRule per rule when observing. ListRules
 * carries every field the reconcilers compare (pattern, state, ARN); a rule named outside the prefix is
 * described on its own. For observe and the stranger check (foreign); creates and updates describe the
 * rule themselves.
 */
final class ListedRules {
    private ListedRules() {
    }

    static Optional<DescribeRuleResponse> describe(RegionContext ctx, String name) {
        var events = ctx.services(AwsClients.class).events();
        if (!name.startsWith(ctx.project())) {
            return AwsCall.orEmpty(() -> events.describeRule(r -> r.name(name)));
        }
        Map<String, Rule> rules = ctx.memo("events/rules", () -> {
            Map<String, Rule> byName = new HashMap<>();
            String token = null;
            do {
                String page = token;
                var answer = AwsCall.call(() -> events.listRules(r -> r.namePrefix(ctx.project()).nextToken(page)));
                answer.rules().forEach(rule -> byName.put(rule.name(), rule));
                token = answer.nextToken();
            } while (token != null);
            return Map.copyOf(byName);
        });
        return Optional.ofNullable(rules.get(name)).map(r -> DescribeRuleResponse.builder().name(r.name())
                .arn(r.arn()).eventPattern(r.eventPattern()).state(r.state()).description(r.description())
                .scheduleExpression(r.scheduleExpression()).roleArn(r.roleArn()).managedBy(r.managedBy())
                .eventBusName(r.eventBusName()).build());
    }
}
