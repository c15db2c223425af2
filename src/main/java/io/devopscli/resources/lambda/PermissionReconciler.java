package io.devopscli.resources.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.resources.iam.PolicyDocuments;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * A statement in an owned function's resource policy, found by its statement id (statements carry no
 * tags; the function they live in is ours, so is a statement under our id). A statement cannot be
 * edited, so every field is immutable: a change removes it and adds it again. Publishes
 * FUNCTION_ARN/STATEMENT_ID.
 */
public final class PermissionReconciler implements Reconciler<PermissionSpec, PermissionState> {

    @Override
    public Optional<PermissionState> observe(PermissionSpec spec, RegionContext ctx) {
        // no function yet (it is created in this run): no statement either
        return ctx.idOf(spec.function()).flatMap(arn -> find(lambda(ctx), arn, spec.statementId()));
    }

    @Override
    public List<FieldChange> diff(PermissionSpec spec, PermissionState actual) {
        return new Diffs()
                .immutable("principal", spec.principal(), actual.principal())
                .immutable("action", spec.action(), actual.action())
                .immutable("sourceArn", spec.sourceArn(), actual.sourceArn())
                .toList();
    }

    @Override
    public PermissionState create(PermissionSpec spec, RegionContext ctx) {
        LambdaClient lambda = lambda(ctx);
        String function = ctx.requireId(spec.function());
        // A statement of this id left by an interrupted run is looked for first: AWS answers an add over it
        // with ResourceConflictException, which also means "function busy" and is retried as such (the emulator
        // would keep both). One that is the wanted one is kept; another is replaced.
        Optional<PermissionState> present = find(lambda, function, spec.statementId());
        if (present.isPresent()) {
            if (diff(spec, present.get()).isEmpty()) {
                return present.get();
            }
            remove(lambda, function, spec.statementId());
        }
        return added(lambda, spec, function);
    }

    /** AddPermission answers with the statement it added: the state, with no read-back. */
    private static PermissionState added(LambdaClient lambda, PermissionSpec spec, String function) {
        String statement = AwsCall.call(() -> lambda.addPermission(r -> r.functionName(function)
                .statementId(spec.statementId()).principal(spec.principal()).action(spec.action())
                .sourceArn(spec.sourceArn()))).statement();
        if (statement == null) { // an answer without it: read the policy
            return find(lambda, function, spec.statementId()).orElseThrow(() -> new IllegalStateException(
                    "permission " + spec.statementId() + " of " + function + " is missing right after AddPermission"));
        }
        return statement(function, spec.statementId(), PolicyDocuments.parse(statement));
    }

    @Override
    public void delete(PermissionState actual, RegionContext ctx) {
        remove(lambda(ctx), actual.functionArn(), actual.statementId());
    }

    @Override
    public String id(PermissionState actual) {
        return actual.functionArn() + "/" + actual.statementId();
    }

    private static void remove(LambdaClient lambda, String function, String statementId) {
        AwsCall.ignoringNotFound(() -> lambda.removePermission(r -> r.functionName(function).statementId(statementId)));
    }

    /** The statement with that id in the function's policy; a function without a policy has none. */
    static Optional<PermissionState> find(LambdaClient lambda, String functionArn, String statementId) {
        return AwsCall.orEmpty(() -> lambda.getPolicy(r -> r.functionName(functionArn)).policy())
                .flatMap(policy -> {
                    for (JsonNode s : PolicyDocuments.parse(policy).path("Statement")) {
                        if (statementId.equals(s.path("Sid").asText())) {
                            return Optional.of(statement(functionArn, statementId, s));
                        }
                    }
                    return Optional.empty();
                });
    }

    private static PermissionState statement(String functionArn, String statementId, JsonNode s) {
        JsonNode principal = s.path("Principal");
        JsonNode action = s.path("Action");
        JsonNode source = s.path("Condition").path("ArnLike").path("AWS:SourceArn");
        return new PermissionState(functionArn, statementId,
                principal.has("Service") ? principal.path("Service").asText() : principal.toString(),
                action.isArray() && action.size() == 1 ? action.get(0).asText() : action.asText(),
                // The policy came back whole: no condition is evidence of an unrestricted statement ("none"),
                // not a field the API left out (which would be null, and unknown).
                source.isMissingNode() ? PermissionState.UNCONDITIONED : source.asText());
    }

    private static LambdaClient lambda(RegionContext ctx) {
        return ctx.services(AwsClients.class).lambda();
    }
}
