package io.devopscli.resources.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * A CloudWatch dashboard with a generated body; any hand edit is drift and `up` puts the generated body
 * back. Dashboards cannot be tagged, so ownership rests on the name: the dashboard named "<project>-<region>"
 * is ours. The name carries the project, which is unique per account by the topology's contract; a
 * dashboard someone else made under that exact name would be taken over. Publishes the dashboard name.
 */
public final class DashboardReconciler implements Reconciler<DashboardSpec, DashboardState>,
        Referencing<DashboardSpec, DashboardState>, Updatable<DashboardSpec, DashboardState> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Optional<DashboardState> observe(DashboardSpec spec, RegionContext ctx) {
        return AwsCall.orEmpty(() -> cloudwatch(ctx).getDashboard(r -> r.dashboardName(spec.name())))
                .map(d -> new DashboardState(d.dashboardName(), d.dashboardBody()));
    }

    @Override
    public List<ResourceKey> references(DashboardSpec spec) {
        return spec.parents();
    }

    /** Compares the bodies as JSON trees; the change names the first path that differs. */
    @Override
    public List<FieldChange> diff(DashboardSpec spec, DashboardState actual, Refs parents) {
        JsonNode desired = DashboardBody.tree(spec.input(parents));
        JsonNode current;
        try {
            current = JSON.readTree(actual.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            return List.of(FieldChange.of("body", "generated", "not JSON"));
        }
        return JsonTreeDiff.first(desired, current)
                .map(d -> List.of(FieldChange.of("body", d.path() + " = " + d.desired(), d.path() + " = " + d.actual())))
                .orElse(List.of());
    }

    @Override
    public DashboardState create(DashboardSpec spec, RegionContext ctx) {
        return put(spec, ctx);
    }

    @Override
    public DashboardState update(DashboardSpec spec, DashboardState actual, List<FieldChange> changes,
                                 RegionContext ctx) {
        return put(spec, ctx);
    }

    @Override
    public void delete(DashboardState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> cloudwatch(ctx).deleteDashboards(r -> r.dashboardNames(actual.name())));
    }

    @Override
    public String id(DashboardState actual) {
        return actual.name();
    }

    /** PutDashboard creates or replaces; a dashboard has no state to wait for. */
    private static DashboardState put(DashboardSpec spec, RegionContext ctx) {
        spec.parents().forEach(ctx::requireId);
        String body = DashboardBody.generate(spec.input(Refs.of(ctx, spec.parents())));
        var response = AwsCall.call(() -> cloudwatch(ctx).putDashboard(r -> r.dashboardName(spec.name()).dashboardBody(body)));
        if (response.hasDashboardValidationMessages() && !response.dashboardValidationMessages().isEmpty()) {
            // AWS stores a body with validation messages anyway; say so rather than hide it
            ctx.progress().info(spec.name() + ": " + response.dashboardValidationMessages().get(0).message());
        }
        return new DashboardState(spec.name(), body);
    }

    private static CloudWatchClient cloudwatch(RegionContext ctx) {
        return ctx.services(AwsClients.class).cloudwatch();
    }
}
