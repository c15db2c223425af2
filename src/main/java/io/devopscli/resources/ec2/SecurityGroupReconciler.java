package io.devopscli.resources.ec2;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.CreateOnce;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.Referencing;
import io.devopscli.engine.Refs;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.WaitFor;
import io.devopscli.engine.Waiter;
import io.devopscli.resources.ec2.SecurityGroupSpec.IngressRule;
import io.devopscli.resources.ec2.SecurityGroupState.Rule;
import io.devopscli.resources.ec2.SecurityGroupState.SourceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * A security group of the VPC with exactly the spec's ingress rules; egress stays as AWS makes it.
 * Publishes the group id (sg-...).
 */
public final class SecurityGroupReconciler implements Reconciler<SecurityGroupSpec, SecurityGroupState>,
        Referencing<SecurityGroupSpec, SecurityGroupState>, Updatable<SecurityGroupSpec, SecurityGroupState> {
    static final String MEMO = "ec2/security-groups";
    private static final Waiter WAIT = Waiter.upTo(Duration.ofMinutes(5));
    /** What EC2 answers for a group id it does not know yet (eventual consistency right after the create). */
    static final String NOT_FOUND = "InvalidGroup.NotFound";

    @Override
    public Optional<SecurityGroupState> observe(SecurityGroupSpec spec, RegionContext ctx) {
        return observeAll(spec, ctx).stream().findFirst();
    }

    @Override
    public List<SecurityGroupState> observeAll(SecurityGroupSpec spec, RegionContext ctx) {
        List<SecurityGroup> owned = ctx.memo(MEMO, () -> AwsCall.call(() -> ec2(ctx).describeSecurityGroupsPaginator(
                r -> r.filters(OwnedTags.ownerFilter(ctx.project()))).securityGroups().stream().toList()));
        return OwnedTags.all(owned, SecurityGroup::tags, SecurityGroup::groupId, ctx.project(), spec.name()).stream()
                .map(SecurityGroupReconciler::state).toList();
    }

    @Override
    public List<FieldChange> diff(SecurityGroupSpec spec, SecurityGroupState actual, Refs parents) {
        return new Diffs()
                .immutable("groupName", spec.name(), actual.groupName())
                .immutable("description", spec.description(), actual.description())
                .immutable("vpc", spec.vpc().name(), parents.render(actual.vpcId()))
                .field("ingress", desired(spec), rendered(actual.ingress(), parents))
                .toList();
    }

    @Override
    public SecurityGroupState create(SecurityGroupSpec spec, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String vpcId = ctx.requireId(spec.vpc());
        // CreateSecurityGroup takes no client token: a group left by an interrupted run is found by its tags.
        // Looked for before the create and before each retry of it: see CreateOnce.
        String id = CreateOnce.create(() -> OwnedTags.pick(AwsCall.call(() -> ec2.describeSecurityGroupsPaginator(
                        r -> r.filters(OwnedTags.ownerFilter(ctx.project()), OwnedTags.nameFilter(spec.name()),
                                OwnedTags.filter("vpc-id", vpcId))).securityGroups().stream().toList()),
                        SecurityGroup::tags, SecurityGroup::groupId, ctx.project(), spec.name()).map(SecurityGroup::groupId),
                () -> ctx.services(io.devopscli.aws.AwsClients.class).once().ec2().createSecurityGroup(r -> r.vpcId(vpcId)
                        .groupName(spec.name()).description(spec.description())
                        .tagSpecifications(OwnedTags.at(ResourceType.SECURITY_GROUP, ctx.project(), spec.name())))
                        .groupId());
        ctx.forget(MEMO);
        // A new group has no ingress rule (egress is AWS's default, not compared): the state is what was sent.
        // The rules are authorized right away; EC2 may not know the new id for a moment, so that answer
        // (InvalidGroup.NotFound) is retried instead of describing the group first.
        return reconcileIngress(spec, new SecurityGroupState(id, spec.name(), spec.description(), vpcId, List.of()), ctx);
    }

    @Override
    public SecurityGroupState update(SecurityGroupSpec spec, SecurityGroupState actual, List<FieldChange> changes,
                                     RegionContext ctx) {
        return reconcileIngress(spec, actual, ctx);
    }

    @Override
    public void delete(SecurityGroupState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        // Our rules naming other groups would keep those groups from being deleted: drop them first.
        List<Rule> referencing = actual.ingress().stream().filter(r -> r.sourceType() == SourceType.GROUP).toList();
        if (!referencing.isEmpty()) {
            AwsCall.ignoringNotFound(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(actual.id())
                    .ipPermissions(referencing.stream().map(IngressRules::permission).toList())));
        }
        // Network interfaces can hold a group long after their owner went: AwsCall retries DependencyViolation.
        Holders.deleting(ec2, "group-id", actual.id(),
                () -> AwsCall.ignoringNotFound(() -> ec2.deleteSecurityGroup(r -> r.groupId(actual.id()))));
        ctx.forget(MEMO);
        WaitFor.gone("security group " + actual.id() + " deleted", () -> describe(ec2, actual.id()))
                .within(WAIT).run(ctx.progress());
    }

    @Override
    public String id(SecurityGroupState actual) {
        return actual.id();
    }

    /**
     * Revokes rules the spec does not have and authorizes the ones missing. The calls' success is the answer:
     * the state returned is the one given less what was revoked plus what was authorized, with no read-back
     * (the next plan observes afresh).
     */
    private SecurityGroupState reconcileIngress(SecurityGroupSpec spec, SecurityGroupState actual, RegionContext ctx) {
        Ec2Client ec2 = ec2(ctx);
        String id = actual.id();
        // Parents may have been created during this apply, so their ids are read again now.
        Refs parents = Refs.of(ctx, references(spec));
        Set<String> desired = Set.copyOf(desired(spec));
        List<Rule> kept = actual.ingress().stream().filter(r -> desired.contains(IngressRules.render(r, parents))).toList();
        var extra = actual.ingress().stream().filter(r -> !desired.contains(IngressRules.render(r, parents)))
                .map(IngressRules::permission).toList();
        if (!extra.isEmpty()) {
            AwsCall.ignoringNotFound(() -> ec2.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(extra)));
        }
        Set<String> present = Set.copyOf(rendered(actual.ingress(), parents));
        var missing = new ArrayList<software.amazon.awssdk.services.ec2.model.IpPermission>();
        for (IngressRule rule : spec.ingress()) {
            if (!present.contains(IngressRules.render(rule))) {
                missing.add(IngressRules.permission(rule, rule.sourceGroup().map(ctx::requireId).orElse(null)));
            }
        }
        if (!missing.isEmpty()) {
            authorize(ec2, id, missing, ctx);
        }
        ctx.forget(MEMO);
        List<Rule> now = new ArrayList<>(kept);
        now.addAll(IngressRules.flatten(missing));
        return new SecurityGroupState(id, actual.groupName(), actual.description(), actual.vpcId(), now);
    }

    /**
     * InvalidGroup.NotFound is retried: right after CreateSecurityGroup (or a source group's), EC2 may not
     * know the id for a moment.
     */
    private static void authorize(Ec2Client ec2, String id, List<software.amazon.awssdk.services.ec2.model.IpPermission> rules,
                                  RegionContext ctx) {
        try {
            JustCreated.run("authorizing ingress of security group " + id, ctx,
                    () -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(rules)), NOT_FOUND);
        } catch (AwsFailure f) {
            // A rule already there (a retried call, or one opened by hand just now) is what we wanted; any
            // other still-missing rule shows up in the next plan.
            if (!"InvalidPermission.Duplicate".equals(f.code())) {
                throw f;
            }
            for (var rule : rules) {
                try {
                    AwsCall.run(() -> ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(rule)));
                } catch (AwsFailure each) {
                    if (!"InvalidPermission.Duplicate".equals(each.code())) {
                        throw each;
                    }
                }
            }
        }
    }

    private static List<String> desired(SecurityGroupSpec spec) {
        return spec.ingress().stream().map(IngressRules::render).distinct().sorted().toList();
    }

    private static List<String> rendered(List<Rule> rules, Refs parents) {
        return rules.stream().map(r -> IngressRules.render(r, parents)).distinct().sorted().toList();
    }

    private static SecurityGroupState state(SecurityGroup g) {
        return new SecurityGroupState(g.groupId(), g.groupName(), g.description(), g.vpcId(),
                IngressRules.flatten(g.ipPermissions()));
    }

    @Override
    public List<ResourceKey> references(SecurityGroupSpec spec) {
        List<ResourceKey> keys = new ArrayList<>();
        keys.add(spec.vpc());
        spec.ingress().forEach(r -> r.sourceGroup().ifPresent(keys::add));
        return keys;
    }

    private static Optional<SecurityGroup> describe(Ec2Client ec2, String id) {
        return AwsCall.orEmpty(() -> ec2.describeSecurityGroups(r -> r.groupIds(id)).securityGroups())
                .flatMap(l -> l.stream().findFirst());
    }

    private static Ec2Client ec2(RegionContext ctx) {
        return ctx.services(AwsClients.class).ec2();
    }
}
