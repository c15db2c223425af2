package io.devopscli.resources.iam;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsErrors;
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
import java.util.stream.Collectors;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * An IAM role for one service principal with one inline policy, found by its name and recognised as ours
 * by its ownership tag (a same-named role without it is never adopted or deleted). Publishes the role's
 * ARN. Trust policy and inline policy are mutable.
 */
public final class RoleReconciler implements Reconciler<RoleSpec, RoleState>, Updatable<RoleSpec, RoleState> {
    static final String TRUST_POLICY = "trustPolicy";
    static final String POLICY = "policy";

    private final Waiter consistencyWaiter;

    public RoleReconciler() {
        // IAM is eventually consistent: a role just created may briefly be unknown to the next call
        this(Waiter.upTo(Duration.ofMinutes(1)));
    }

    public RoleReconciler(Waiter consistencyWaiter) {
        this.consistencyWaiter = consistencyWaiter;
    }

    @Override
    public Optional<RoleState> observe(RoleSpec spec, RegionContext ctx) {
        // the account's roles with their policies and tags: one query per plan for every region (AccountRoles)
        return AccountRoles.named(ctx, spec.name())
                .filter(role -> owned(role, ctx.project()))
                .map(role -> new RoleState(role.roleName(), role.arn(), PolicyDocuments.parse(role.assumeRolePolicyDocument()),
                        role.rolePolicyList().stream().filter(p -> p.policyName().equals(spec.policyName())).findFirst()
                                .map(p -> PolicyDocuments.parse(p.policyDocument())).orElse(null)));
    }

    @Override
    public List<FieldChange> diff(RoleSpec spec, RoleState actual) {
        return new Diffs()
                .field(TRUST_POLICY, PolicyDocuments.parse(Policies.trust(spec.servicePrincipal())), actual.trustPolicy())
                .field(POLICY, PolicyDocuments.parse(spec.policyDocument()), actual.policy())
                .toList();
    }

    @Override
    public Optional<String> foreign(RoleSpec spec, RegionContext ctx) {
        // the plan's query of every role of the account answers it: no call
        return AccountRoles.named(ctx, spec.name())
                .filter(role -> !owned(role, ctx.project()))
                .map(role -> role.arn());
    }

    @Override
    public RoleState create(RoleSpec spec, RegionContext ctx) {
        IamClient iam = iam(ctx);
        String trust = Policies.trust(spec.servicePrincipal());
        List<Tag> tags = Tags.owned(ctx.project(), spec.name()).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        String arn;
        try {
            arn = AwsCall.call(() -> iam.createRole(r -> r.roleName(spec.name()).assumeRolePolicyDocument(trust).tags(tags)
                    .description("devops-cli " + ctx.project()))).role().arn();
        } catch (AwsFailure f) {
            if (!f.code().equals("EntityAlreadyExists")) {
                throw f;
            }
            // a lost answer: the first attempt made it (ours, by its tag), so bring its trust policy in line
            arn = ownedRole(iam, spec.name(), ctx.project()).orElseThrow(() -> f).arn();
            AwsCall.run(() -> iam.updateAssumeRolePolicy(r -> r.roleName(spec.name()).policyDocument(trust)));
        }
        putPolicy(iam, spec, ctx);
        // What CreateRole answered and what was put: no read back. Services that use the role retry while IAM
        // propagates it (Lambda's "cannot be assumed", flow logs' "Unable to assume"), which a read cannot prove.
        return new RoleState(spec.name(), arn, PolicyDocuments.parse(trust), PolicyDocuments.parse(spec.policyDocument()));
    }

    @Override
    public RoleState update(RoleSpec spec, RoleState actual, List<FieldChange> changes, RegionContext ctx) {
        IamClient iam = iam(ctx);
        for (FieldChange change : changes) {
            switch (change.field()) {
                case TRUST_POLICY -> AwsCall.run(() -> iam.updateAssumeRolePolicy(r -> r.roleName(spec.name())
                        .policyDocument(Policies.trust(spec.servicePrincipal()))));
                case POLICY -> putPolicy(iam, spec, ctx);
                default -> throw new IllegalStateException("role field " + change.field() + " cannot be updated");
            }
        }
        return new RoleState(actual.name(), actual.arn(), PolicyDocuments.parse(Policies.trust(spec.servicePrincipal())),
                PolicyDocuments.parse(spec.policyDocument()));
    }

    @Override
    public void delete(RoleState actual, RegionContext ctx) {
        IamClient iam = iam(ctx);
        String name = actual.name();
        // IAM refuses to delete a role that still has policies (DeleteConflict)
        List<String> inline = AwsCall.orEmpty(() -> iam.listRolePoliciesPaginator(r -> r.roleName(name))
                .policyNames().stream().toList()).orElse(List.of());
        for (String policy : inline) {
            AwsCall.ignoringNotFound(() -> iam.deleteRolePolicy(r -> r.roleName(name).policyName(policy)));
        }
        List<String> attached = AwsCall.orEmpty(() -> iam.listAttachedRolePoliciesPaginator(r -> r.roleName(name))
                .attachedPolicies().stream().map(p -> p.policyArn()).toList()).orElse(List.of());
        for (String arn : attached) {
            AwsCall.ignoringNotFound(() -> iam.detachRolePolicy(r -> r.roleName(name).policyArn(arn)));
        }
        AwsCall.ignoringNotFound(() -> iam.deleteRole(r -> r.roleName(name)));
    }

    @Override
    public String id(RoleState actual) {
        return actual.arn();
    }

    /** PutRolePolicy right after CreateRole may not find the role yet: retried briefly, then it fails. */
    private void putPolicy(IamClient iam, RoleSpec spec, RegionContext ctx) {
        WaitFor.retrying("attaching policy " + spec.policyName() + " to role " + spec.name(), () -> {
            AwsCall.run(() -> iam.putRolePolicy(r -> r.roleName(spec.name()).policyName(spec.policyName())
                    .policyDocument(spec.policyDocument())));
            return Boolean.TRUE;
        }).notYetWhen(f -> f.kind() == AwsErrors.Kind.NOT_FOUND).within(consistencyWaiter).run(ctx.progress());
    }

    private static Optional<Role> ownedRole(IamClient iam, String name, String project) {
        return AwsCall.orEmpty(() -> iam.getRole(r -> r.roleName(name))).map(r -> r.role())
                .filter(role -> Tags.isOwned(tagsOf(iam, role), project));
    }

    private static boolean owned(software.amazon.awssdk.services.iam.model.RoleDetail role, String project) {
        return Tags.isOwned(asMap(role.tags()), project);
    }

    private static Map<String, String> asMap(List<Tag> tags) {
        return tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b));
    }

    /** GetRole carries the tags on AWS; ListRoleTags is the fallback where it does not. */
    private static Map<String, String> tagsOf(IamClient iam, Role role) {
        List<Tag> tags = role.hasTags() ? role.tags()
                : AwsCall.call(() -> iam.listRoleTagsPaginator(r -> r.roleName(role.roleName())).tags().stream().toList());
        return asMap(tags);
    }

    private static IamClient iam(RegionContext ctx) {
        return ctx.services(AwsClients.class).iam();
    }
}
