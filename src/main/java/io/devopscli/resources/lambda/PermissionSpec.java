package io.devopscli.resources.lambda;

import io.devopscli.engine.ResourceKey;

/**
 * One statement of a function's resource policy: principal (a service, events.amazonaws.com) may call
 * action (lambda:InvokeFunction) on the function, only on behalf of sourceArn (an EventBridge rule's
 * ARN, known from its name before the rule exists). The parent function publishes its ARN.
 */
public record PermissionSpec(ResourceKey function, String statementId, String principal, String action,
                             String sourceArn) {}
