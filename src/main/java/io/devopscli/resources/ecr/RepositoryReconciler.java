package io.devopscli.resources.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.Tags;
import io.devopscli.engine.Diffs;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.Reconciler;
import io.devopscli.engine.RegionContext;
import io.devopscli.engine.Updatable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.Tag;

/**
 * The app's ECR repository, found by its stable name and recognised as ours only when it carries both our
 * ownership tag and its Name (a same-named repository of someone else is never adopted or deleted).
 * Publishes the repository URI, which the task definition's image refers to. It holds images, so `down`
 * keeps it unless purging; then it is deleted with its images (force).
 */
public final class RepositoryReconciler implements Reconciler<RepositorySpec, RepositoryState>,
        Updatable<RepositorySpec, RepositoryState> {
    static final String SCAN_ON_PUSH = "scanOnPush";
    static final String TAG_MUTABILITY = "tagMutability";
    static final String LIFECYCLE_POLICY = "lifecyclePolicy";

    @Override
    public Optional<RepositoryState> observe(RepositorySpec spec, RegionContext ctx) {
        EcrClient ecr = ecr(ctx);
        return named(ctx, spec.name()).filter(r -> isOwned(ecr, r, ctx.project())).map(r -> state(ecr, r));
    }

    @Override
    public List<FieldChange> diff(RepositorySpec spec, RepositoryState actual) {
        return new Diffs()
                .immutable("encryption", spec.encryptionType(), actual.encryptionType())
                .field(SCAN_ON_PUSH, spec.scanOnPush(), actual.scanOnPush())
                .field(TAG_MUTABILITY, spec.tagMutability(), actual.tagMutability())
                .field(LIFECYCLE_POLICY, LifecyclePolicies.keepLast(spec.keepImages()), actual.lifecyclePolicy())
                .toList();
    }

    @Override
    public Optional<String> foreign(RepositorySpec spec, RegionContext ctx) {
        EcrClient ecr = ecr(ctx);
        return named(ctx, spec.name()).filter(r -> !isOwned(ecr, r, ctx.project())).map(Repository::repositoryArn);
    }

    @Override
    public RepositoryState create(RepositorySpec spec, RegionContext ctx) {
        EcrClient ecr = ecr(ctx);
        List<Tag> tags = Tags.owned(ctx.project(), spec.name()).entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
        Repository created;
        try {
            created = AwsCall.call(() -> ecr.createRepository(r -> r.repositoryName(spec.name()).tags(tags)
                    .imageScanningConfiguration(s -> s.scanOnPush(spec.scanOnPush()))
                    .imageTagMutability(spec.tagMutability())
                    .encryptionConfiguration(e -> e.encryptionType(spec.encryptionType())))).repository();
        } catch (AwsFailure f) {
            if (!"RepositoryAlreadyExistsException".equals(f.code())) {
                throw f;
            }
            // a lost answer: the first attempt made it (ours, by its tags), so bring it in line
            Repository existing = find(ecr, spec.name()).filter(r -> isOwned(ecr, r, ctx.project())).orElseThrow(() -> f);
            RepositoryState current = state(ecr, existing);
            return update(spec, current, diff(spec, current), ctx);
        }
        JsonNode policy = LifecyclePolicies.keepLast(spec.keepImages());
        AwsCall.run(() -> ecr.putLifecyclePolicy(r -> r.repositoryName(spec.name()).lifecyclePolicyText(policy.toString())));
        // CreateRepository answers with the repository and the put's success with the policy: no read-back
        return state(created, policy);
    }

    @Override
    public RepositoryState update(RepositorySpec spec, RepositoryState actual, List<FieldChange> changes,
                                  RegionContext ctx) {
        EcrClient ecr = ecr(ctx);
        for (FieldChange change : changes) {
            switch (change.field()) {
                case SCAN_ON_PUSH -> AwsCall.run(() -> ecr.putImageScanningConfiguration(r -> r
                        .repositoryName(actual.name()).imageScanningConfiguration(s -> s.scanOnPush(spec.scanOnPush()))));
                case TAG_MUTABILITY -> AwsCall.run(() -> ecr.putImageTagMutability(r -> r
                        .repositoryName(actual.name()).imageTagMutability(spec.tagMutability())));
                case LIFECYCLE_POLICY -> AwsCall.run(() -> ecr.putLifecyclePolicy(r -> r.repositoryName(actual.name())
                        .lifecyclePolicyText(LifecyclePolicies.keepLast(spec.keepImages()).toString())));
                default -> throw new IllegalStateException("ecr repository field " + change.field() + " cannot be updated");
            }
        }
        return new RepositoryState(actual.name(), actual.arn(), actual.uri(), spec.scanOnPush(), spec.tagMutability(),
                actual.encryptionType(), LifecyclePolicies.keepLast(spec.keepImages()));
    }

    /**
     * Force deletes the images too. The engine only deletes a data holder when `down --purge` was given,
     * and observe only hands over a repository carrying our tags.
     */
    @Override
    public void delete(RepositoryState actual, RegionContext ctx) {
        AwsCall.ignoringNotFound(() -> ecr(ctx).deleteRepository(r -> r.repositoryName(actual.name()).force(true)));
    }

    @Override
    public String id(RepositoryState actual) {
        return actual.uri();
    }

    /** Images are the data; an empty repository is kept too, which saves a ListImages per run. */
    @Override
    public boolean holdsData(RepositoryState actual) {
        return true;
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates and waits read afresh. */
    private static Optional<Repository> named(RegionContext ctx, String name) {
        return ctx.memo("ecr/repository/" + name, () -> find(ecr(ctx), name));
    }

    private static Optional<Repository> find(EcrClient ecr, String name) {
        return AwsCall.orEmpty(() -> ecr.describeRepositories(r -> r.repositoryNames(name)).repositories())
                .flatMap(list -> list.stream().filter(r -> name.equals(r.repositoryName())).findFirst());
    }

    /** Strict: both the ownership tag and the Name must be ours. */
    private static boolean isOwned(EcrClient ecr, Repository repo, String project) {
        Map<String, String> tags = AwsCall.orEmpty(() -> ecr.listTagsForResource(r -> r.resourceArn(repo.repositoryArn())))
                .map(r -> r.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)))
                .orElse(Map.of());
        return Tags.isOwned(tags, project) && repo.repositoryName().equals(tags.get(Tags.NAME_KEY));
    }

    private static RepositoryState state(EcrClient ecr, Repository repo) {
        return state(repo, AwsCall.orEmpty(() -> ecr.getLifecyclePolicy(r -> r.repositoryName(repo.repositoryName())))
                .map(r -> LifecyclePolicies.parse(r.lifecyclePolicyText())).orElse(null));
    }

    private static RepositoryState state(Repository repo, JsonNode policy) {
        boolean scan = repo.imageScanningConfiguration() != null
                && Boolean.TRUE.equals(repo.imageScanningConfiguration().scanOnPush());
        String encryption = repo.encryptionConfiguration() == null ? "AES256"
                : repo.encryptionConfiguration().encryptionTypeAsString();
        return new RepositoryState(repo.repositoryName(), repo.repositoryArn(), repo.repositoryUri(), scan,
                repo.imageTagMutabilityAsString(), encryption, policy);
    }

    private static EcrClient ecr(RegionContext ctx) {
        return ctx.services(AwsClients.class).ecr();
    }
}
