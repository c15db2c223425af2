package io.devopscli.resources.codepipeline;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.resources.RegionalArns;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.GetPipelineResponse;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.Tag;

/**
 * The delivery pipeline (CodePipeline V2), found by its name (unique per account and region) and
 * recognised as ours by its ownership tag. The whole declaration we manage is compared field by field,
 * so a stage edited by hand is drift named by stage, action and field, and UpdatePipeline puts the
 * declaration back. Publishes the pipeline's name; the state also keeps its ARN.
 */
public final class PipelineReconciler implements Reconciler<DeliveryPipelineSpec, PipelineState>,
        Updatable<DeliveryPipelineSpec, PipelineState> {
    private final Waiter roleWaiter;

    public PipelineReconciler() {
        // a role created seconds ago may not be assumable by CodePipeline yet (IAM is eventually consistent)
        this(Waiter.upTo(Duration.ofMinutes(2)));
    }

    public PipelineReconciler(Waiter roleWaiter) {
        this.roleWaiter = roleWaiter;
    }

    @Override
    public Optional<PipelineState> observe(DeliveryPipelineSpec spec, RegionContext ctx) {
        CodePipelineClient client = client(ctx);
        return named(ctx, spec.name()).filter(p -> isOwned(client, p.metadata().pipelineArn(), ctx.project()))
                .map(p -> new PipelineState(spec.name(),
                p.metadata().pipelineArn(), PipelineShapes.fromSdk(p.pipeline()), wantedParents(spec, ctx)));
    }

    @Override
    public List<FieldChange> diff(DeliveryPipelineSpec spec, PipelineState actual) {
        return PipelineDrift.diff(PipelineShapes.desired(spec, actual.wanted()), actual.declared());
    }

    @Override
    public Optional<String> foreign(DeliveryPipelineSpec spec, RegionContext ctx) {
        CodePipelineClient client = client(ctx);
        return named(ctx, spec.name()).map(p -> p.metadata().pipelineArn())
                .filter(arn -> !isOwned(client, arn, ctx.project()));
    }

    @Override
    public PipelineState create(DeliveryPipelineSpec spec, RegionContext ctx) {
        CodePipelineClient client = client(ctx);
        PipelineParents parents = requiredParents(spec, ctx);
        PipelineShape shape = PipelineShapes.desired(spec, parents);
        PipelineDeclaration declaration = PipelineShapes.toSdk(spec.name(), shape);
        List<Tag> tags = Tags.owned(ctx.project(), spec.name()).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        PipelineDeclaration made = WaitFor.retrying("waiting for role " + parents.roleArn() + " to be assumable by CodePipeline",
                () -> AwsCall.call(() -> client.createPipeline(r -> r.pipeline(declaration).tags(tags))).pipeline())
                .notYetWhen(PipelineReconciler::isRoleNotYetAssumable)
                // an earlier attempt made it and its answer was lost
                .doneWhen(f -> madeByLostAttempt(f) && owned(client, spec.name(), ctx.project()).isPresent())
                .within(roleWaiter).run(ctx.progress());
        if (made == null) { // made by the lost attempt (or an answer without the declaration): read it
            return state(spec, AwsCall.call(() -> client.getPipeline(r -> r.name(spec.name()))), parents);
        }
        // CreatePipeline answers with the declaration; the ARN is the one AWS derives from the name
        return new PipelineState(spec.name(), RegionalArns.of(ctx, "codepipeline", spec.name()),
                PipelineShapes.fromSdk(made), parents);
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates read afresh. */
    private static Optional<GetPipelineResponse> named(RegionContext ctx, String name) {
        return ctx.memo("codepipeline/pipeline/" + name, () -> AwsCall.orEmpty(() -> client(ctx).getPipeline(r -> r.name(name))));
    }

    /** AWS answers PipelineNameInUseException; the emulator an InvalidStructureException saying it exists. */
    private static boolean madeByLostAttempt(AwsFailure f) {
        return f.code().equals("PipelineNameInUseException")
                || (f.code().equals("InvalidStructureException") && String.valueOf(f.getMessage()).contains("already exist"));
    }

    @Override
    public PipelineState update(DeliveryPipelineSpec spec, PipelineState actual, List<FieldChange> changes,
                                RegionContext ctx) {
        PipelineParents parents = requiredParents(spec, ctx);
        PipelineShape shape = PipelineShapes.desired(spec, parents);
        PipelineDeclaration declaration = PipelineShapes.toSdk(spec.name(), shape);
        AwsCall.run(() -> client(ctx).updatePipeline(r -> r.pipeline(declaration)));
        return new PipelineState(spec.name(), actual.arn(), shape, parents);
    }

    @Override
    public void delete(PipelineState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> client(ctx).deletePipeline(r -> r.name(actual.name())));
    }

    @Override
    public String id(PipelineState actual) {
        return actual.name();
    }

    /**
     * AWS answers CreatePipeline with InvalidStructureException "CodePipeline is not authorized to perform
     * AssumeRole on role ..." while a new role has not propagated; the emulator answers the same for a role whose
     * trust policy does not name CodePipeline, which the waiter's bound then reports.
     */
    static boolean isRoleNotYetAssumable(AwsFailure f) {
        return "InvalidStructureException".equals(f.code()) && f.getMessage() != null
                && f.getMessage().contains("not authorized to perform AssumeRole");
    }

    private static Optional<GetPipelineResponse> owned(CodePipelineClient client, String name, String project) {
        return AwsCall.orEmpty(() -> client.getPipeline(r -> r.name(name)))
                .filter(p -> isOwned(client, p.metadata().pipelineArn(), project));
    }

    private static boolean isOwned(CodePipelineClient client, String arn, String project) {
        Map<String, String> tags = AwsCall.orEmpty(() -> client.listTagsForResource(r -> r.resourceArn(arn)))
                .map(r -> r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)))
                .orElse(Map.of());
        return Tags.isOwned(tags, project);
    }

    private static PipelineParents wantedParents(DeliveryPipelineSpec spec, RegionContext ctx) {
        return new PipelineParents(ctx.idOf(spec.role()).orElse(null), ctx.idOf(spec.artifactBucket()).orElse(null),
                ctx.idOf(spec.buildProject()).orElse(null), ctx.idOf(spec.approvalTopic()).orElse(null));
    }

    private static PipelineParents requiredParents(DeliveryPipelineSpec spec, RegionContext ctx) {
        return new PipelineParents(ctx.requireId(spec.role()), ctx.requireId(spec.artifactBucket()),
                ctx.requireId(spec.buildProject()), ctx.requireId(spec.approvalTopic()));
    }

    private static PipelineState state(DeliveryPipelineSpec spec, GetPipelineResponse p, PipelineParents parents) {
        return new PipelineState(spec.name(), p.metadata().pipelineArn(), PipelineShapes.fromSdk(p.pipeline()), parents);
    }

    private static CodePipelineClient client(RegionContext ctx) {
        return ctx.services(AwsClients.class).codepipeline();
    }
}
