package io.devopscli.resources.lambda;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.CreateFunctionResponse;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;
import software.amazon.awssdk.services.lambda.model.GetFunctionEventInvokeConfigResponse;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.LastUpdateStatus;
import software.amazon.awssdk.services.lambda.model.State;

/**
 * A Lambda function from a deployment package, found by its name and recognised as ours by its
 * ownership tag. Publishes the function's ARN.
 *
 * <p>A new package is an update (UpdateFunctionCode), told apart from an unchanged one by comparing the
 * package's SHA-256 with the function's CodeSha256. Failed asynchronous invocations go to the onFailure
 * queue through the function's event invoke config (a Lambda destination, which records the error and
 * the request, unlike the older function dead-letter setting); its retries and event age are part of it.
 * Everything here is mutable.
 */
public final class FunctionReconciler implements Reconciler<FunctionSpec, FunctionState>,
        Updatable<FunctionSpec, FunctionState> {
    static final String CODE = "codeSha256";
    static final String ON_FAILURE = "onFailure";
    static final String RETRIES = "maxRetryAttempts";
    static final String EVENT_AGE = "maxEventAgeSeconds";
    private static final Set<String> INVOKE_CONFIG = Set.of(ON_FAILURE, RETRIES, EVENT_AGE);
    static final String TO_BE_CREATED = "(to be created)";

    private final Waiter ready;

    public FunctionReconciler() {
        // a role just created can take ~10 s to be assumable; a function becomes Active in seconds
        this(Waiter.upTo(Duration.ofMinutes(2)));
    }

    public FunctionReconciler(Waiter ready) {
        this.ready = ready;
    }

    @Override
    public Optional<FunctionState> observe(FunctionSpec spec, RegionContext ctx) {
        LambdaClient lambda = lambda(ctx);
        return named(ctx, spec.name())
                .filter(f -> Tags.isOwned(f.hasTags() ? f.tags() : tagsOf(lambda, f), ctx.project()))
                .map(f -> state(lambda, f.configuration()).withWanted(ctx.idOf(spec.role()).orElse(null),
                        ctx.idOf(spec.onFailure()).orElse(null)));
    }

    @Override
    public List<FieldChange> diff(FunctionSpec spec, FunctionState actual) {
        return new Diffs()
                .field("runtime", spec.runtime(), actual.runtime())
                .field("handler", spec.handler(), actual.handler())
                .field("memoryMb", spec.memoryMb(), actual.memoryMb())
                .field("timeoutSeconds", spec.timeoutSeconds(), actual.timeoutSeconds())
                .field("ephemeralStorageMb", spec.ephemeralStorageMb(), actual.ephemeralStorageMb())
                .field("environment", spec.environment(), actual.environment())
                .field("role", wanted(actual.wantedRoleArn()), actual.roleArn())
                .field(CODE, spec.code().sha256(), actual.codeSha256())
                .field(ON_FAILURE, wanted(actual.wantedOnFailure()), actual.onFailure())
                .field(RETRIES, spec.maxRetryAttempts(), actual.maxRetryAttempts())
                .field(EVENT_AGE, spec.maxEventAgeSeconds(), actual.maxEventAgeSeconds())
                .toList();
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private static Optional<GetFunctionResponse> named(RegionContext ctx, String name) {
        return ctx.memo("lambda/function/" + name,
                () -> AwsCall.orEmpty(() -> lambda(ctx).getFunction(r -> r.functionName(name))));
    }

    @Override
    public Optional<String> foreign(FunctionSpec spec, RegionContext ctx) {
        LambdaClient lambda = lambda(ctx);
        return named(ctx, spec.name())
                .filter(f -> !owned(lambda, f, ctx)).map(f -> f.configuration().functionArn());
    }

    private static boolean owned(LambdaClient lambda, GetFunctionResponse f, RegionContext ctx) {
        return Tags.isOwned(f.hasTags() ? f.tags() : tagsOf(lambda, f), ctx.project());
    }

    @Override
    public FunctionState create(FunctionSpec spec, RegionContext ctx) {
        LambdaClient lambda = lambda(ctx);
        byte[] zip = spec.code().bytes().get();
        String role = ctx.requireId(spec.role());
        // ResourceConflictException: an earlier attempt made it and its answer was lost (made is then null):
        // read back, checked to be ours, and brought in line.
        java.util.concurrent.atomic.AtomicReference<CreateFunctionResponse> answer = new java.util.concurrent.atomic.AtomicReference<>();
        Boolean made = WaitFor.retrying("creating function " + spec.name() + " (waiting for its new role to be assumable)",
                () -> {
                    answer.set(AwsCall.call(() -> lambda.createFunction(r -> r.functionName(spec.name()).runtime(spec.runtime())
                            .handler(spec.handler()).role(role).code(c -> c.zipFile(SdkBytes.fromByteArray(zip)))
                            .memorySize(spec.memoryMb()).timeout(spec.timeoutSeconds())
                            .ephemeralStorage(e -> e.size(spec.ephemeralStorageMb()))
                            .environment(e -> e.variables(spec.environment()))
                            .description("devops-cli " + ctx.project())
                            .tags(Tags.owned(ctx.project(), spec.name())))));
                    return Boolean.TRUE;
                }).notYetWhen(FunctionReconciler::roleNotYetAssumable).doneOn("ResourceConflictException").within(ready)
                .run(ctx.progress());
        if (made == null) {
            GetFunctionResponse f = AwsCall.call(() -> lambda.getFunction(r -> r.functionName(spec.name())));
            if (!owned(lambda, f, ctx)) {
                throw new IllegalStateException("function " + spec.name() + " appeared meanwhile without our tag");
            }
            FunctionState actual = state(lambda, f.configuration()).withWanted(role, ctx.requireId(spec.onFailure()));
            return update(spec, actual, diff(spec, actual), ctx);
        }
        CreateFunctionResponse c = answer.get();
        // AWS answers Pending and the function turns Active within seconds; an answer already Active needs no poll
        if (c.state() != State.ACTIVE || c.lastUpdateStatus() == LastUpdateStatus.IN_PROGRESS) {
            settled(lambda, spec.name(), ctx);
        }
        putInvokeConfig(lambda, spec, ctx);
        // the create's answer and the settings just put: nothing to read back
        String queue = ctx.requireId(spec.onFailure());
        return new FunctionState(c.functionName(), c.functionArn(), c.runtimeAsString(), c.handler(), spec.memoryMb(),
                spec.timeoutSeconds(), spec.ephemeralStorageMb(), spec.environment(), c.role(), c.codeSha256(), queue,
                spec.maxRetryAttempts(), spec.maxEventAgeSeconds(), role, queue);
    }

    @Override
    public FunctionState update(FunctionSpec spec, FunctionState actual, List<FieldChange> changes, RegionContext ctx) {
        LambdaClient lambda = lambda(ctx);
        boolean configuration = changes.stream().anyMatch(c -> !c.field().equals(CODE) && !INVOKE_CONFIG.contains(c.field()));
        if (configuration) {
            String role = ctx.requireId(spec.role());
            AwsCall.run(() -> lambda.updateFunctionConfiguration(r -> r.functionName(spec.name()).runtime(spec.runtime())
                    .handler(spec.handler()).role(role).memorySize(spec.memoryMb()).timeout(spec.timeoutSeconds())
                    .ephemeralStorage(e -> e.size(spec.ephemeralStorageMb()))
                    .environment(e -> e.variables(spec.environment()))));
            settled(lambda, spec.name(), ctx);
        }
        if (changes.stream().anyMatch(c -> c.field().equals(CODE))) {
            byte[] zip = spec.code().bytes().get();
            AwsCall.run(() -> lambda.updateFunctionCode(r -> r.functionName(spec.name()).zipFile(SdkBytes.fromByteArray(zip))));
            settled(lambda, spec.name(), ctx);
        }
        if (changes.stream().anyMatch(c -> INVOKE_CONFIG.contains(c.field()))) {
            putInvokeConfig(lambda, spec, ctx);
        }
        return observed(lambda, spec, ctx);
    }

    @Override
    public void delete(FunctionState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> lambda(ctx).deleteFunction(r -> r.functionName(actual.name())));
    }

    @Override
    public String id(FunctionState actual) {
        return actual.arn();
    }

    /** Put replaces the whole config, so unset settings return to their defaults. */
    private static void putInvokeConfig(LambdaClient lambda, FunctionSpec spec, RegionContext ctx) {
        String queue = ctx.requireId(spec.onFailure());
        AwsCall.run(() -> lambda.putFunctionEventInvokeConfig(r -> r.functionName(spec.name())
                .maximumRetryAttempts(spec.maxRetryAttempts()).maximumEventAgeInSeconds(spec.maxEventAgeSeconds())
                .destinationConfig(d -> d.onFailure(o -> o.destination(queue)))));
    }

    /** Until the function is Active and no update is in progress; a Failed state fails with Lambda's reason. */
    private void settled(LambdaClient lambda, String name, RegionContext ctx) {
        // settled: active (or no state reported) and no update in progress; either one failed fails it
        WaitFor.until("waiting for function " + name + " to be active",
                        () -> Optional.of(AwsCall.call(() -> lambda.getFunctionConfiguration(r -> r.functionName(name)))),
                        c -> c.state() == State.FAILED || c.lastUpdateStatus() == LastUpdateStatus.FAILED ? "failed"
                                : (c.state() == null || c.state() == State.ACTIVE)
                                        && c.lastUpdateStatus() != LastUpdateStatus.IN_PROGRESS ? "settled" : "pending")
                .target("settled").failure("failed")
                .because(c -> c.state() == State.FAILED ? c.stateReason() : c.lastUpdateStatusReason())
                .within(ready).run(ctx.progress());
    }

    private static boolean roleNotYetAssumable(AwsFailure f) {
        return "InvalidParameterValueException".equals(f.code()) && f.getMessage() != null
                && f.getMessage().contains("cannot be assumed");
    }

    private static FunctionState observed(LambdaClient lambda, FunctionSpec spec, RegionContext ctx) {
        FunctionConfiguration c = AwsCall.call(() -> lambda.getFunction(r -> r.functionName(spec.name()))).configuration();
        return state(lambda, c).withWanted(ctx.requireId(spec.role()), ctx.requireId(spec.onFailure()));
    }

    private static Map<String, String> tagsOf(LambdaClient lambda, GetFunctionResponse f) {
        return AwsCall.call(() -> lambda.listTags(r -> r.resource(f.configuration().functionArn())).tags());
    }

    private static FunctionState state(LambdaClient lambda, FunctionConfiguration c) {
        Optional<GetFunctionEventInvokeConfigResponse> invoke = AwsCall.orEmpty(() ->
                lambda.getFunctionEventInvokeConfig(r -> r.functionName(c.functionName())));
        String onFailure = invoke.map(i -> i.destinationConfig()).map(d -> d.onFailure())
                .map(o -> o.destination()).orElse(null);
        return new FunctionState(c.functionName(), c.functionArn(), c.runtimeAsString(), c.handler(),
                c.memorySize() == null ? 0 : c.memorySize(), c.timeout() == null ? 0 : c.timeout(),
                c.ephemeralStorage() == null ? 512 : c.ephemeralStorage().size(),
                c.environment() == null ? Map.of() : c.environment().variables(), c.role(), c.codeSha256(), onFailure,
                invoke.map(GetFunctionEventInvokeConfigResponse::maximumRetryAttempts).orElse(null),
                invoke.map(GetFunctionEventInvokeConfigResponse::maximumEventAgeInSeconds).orElse(null), null, null);
    }

    private static String wanted(String id) {
        return id == null ? TO_BE_CREATED : id;
    }

    private static LambdaClient lambda(RegionContext ctx) {
        return ctx.services(AwsClients.class).lambda();
    }
}
