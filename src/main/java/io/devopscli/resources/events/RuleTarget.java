package io.devopscli.resources.events;

/** One target of a rule: its id within the rule, what it invokes, and the role it invokes it with. */
public record RuleTarget(String id, String arn, String roleArn) {
    @Override
    public String toString() {
        return id + " -> " + arn + " as " + roleArn;
    }
}
