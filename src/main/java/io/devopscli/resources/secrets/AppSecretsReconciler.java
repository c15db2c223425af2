package io.devopscli.resources.secrets;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.resources.RegionalArns;
import io.devopscli.topology.AppSpec.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;

/**
 * A check, not a resource of ours: the app's secrets are the user's (made and rotated outside this tool,
 * never created, changed or deleted by it). Observe finds each named SSM parameter or Secrets Manager
 * secret by its metadata (DescribeParameters, DescribeSecret: never a value), and publishes the ARNs the
 * task definitions read them from. A secret that does not exist is a difference that `up` cannot repair:
 * the node fails with a message naming it and the region, before any task definition is registered
 * (they depend on this node). Delete does nothing: down never touches the user's secrets.
 */
public final class AppSecretsReconciler implements Reconciler<AppSecretsSpec, AppSecretsState>,
        Updatable<AppSecretsSpec, AppSecretsState> {

    @Override
    public Optional<AppSecretsState> observe(AppSecretsSpec spec, RegionContext ctx) {
        return Optional.of(read(spec, ctx));
    }

    @Override
    public List<FieldChange> diff(AppSecretsSpec spec, AppSecretsState actual) {
        return new Diffs().field("missingSecrets", List.of(), actual.missing()).toList();
    }

    @Override
    public AppSecretsState create(AppSecretsSpec spec, RegionContext ctx) {
        return update(spec, read(spec, ctx), List.of(), ctx);
    }

    @Override
    public AppSecretsState update(AppSecretsSpec spec, AppSecretsState actual, List<FieldChange> changes,
                                  RegionContext ctx) {
        AppSecretsState now = read(spec, ctx); // created since the plan? then there is nothing to report
        if (!now.missing().isEmpty()) {
            throw new IllegalStateException("app secrets missing in " + ctx.region() + ": " + String.join(", ", now.missing())
                    + ". Create them in this region (aws ssm put-parameter --type SecureString / aws secretsmanager "
                    + "create-secret), then run up again; no task definition was registered");
        }
        return now;
    }

    @Override
    public void delete(AppSecretsState actual, RegionContext ctx) {
        // the user's secrets: never deleted
    }

    @Override
    public String id(AppSecretsState actual) {
        return String.join(",", new TreeMap<>(actual.valueFrom()).values());
    }

    private static AppSecretsState read(AppSecretsSpec spec, RegionContext ctx) {
        Map<String, String> found = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        AwsClients clients = ctx.services(AwsClients.class);
        spec.secrets().forEach((variable, ref) -> {
            Optional<String> arn = ref.source().equals(SecretRef.SSM) ? parameterArn(clients.ssm(), ref.name(), ctx)
                    : secretArn(clients.secretsManager(), ref.name());
            arn.ifPresentOrElse(a -> found.put(variable, a), () -> missing.add(variable + " (" + ref + ")"));
        });
        return new AppSecretsState(found, missing);
    }

    /** DescribeParameters with an exact name filter: metadata only, no decryption, no value. */
    private static Optional<String> parameterArn(SsmClient ssm, String name, RegionContext ctx) {
        boolean exists = AwsCall.call(() -> ssm.describeParameters(r -> r.parameterFilters(ParameterStringFilter.builder()
                .key("Name").option("Equals").values(name).build()))).parameters().stream()
                .anyMatch(p -> name.equals(p.name()));
        return exists ? Optional.of(parameterArn(ctx, name)) : Optional.empty();
    }

    /** arn:...:ssm:region:account:parameter/a/b for "/a/b" (and for "a/b"). */
    public static String parameterArn(RegionContext ctx, String name) {
        return RegionalArns.of(ctx, "ssm", "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    /** DescribeSecret: the full ARN (with AWS's random suffix), never the value. */
    private static Optional<String> secretArn(SecretsManagerClient sm, String name) {
        return AwsCall.orEmpty(() -> sm.describeSecret(r -> r.secretId(name)))
                .filter(d -> d.deletedDate() == null)
                .map(d -> d.arn());
    }
}
