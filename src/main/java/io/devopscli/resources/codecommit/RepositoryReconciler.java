package io.devopscli.resources.codecommit;

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
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;

/**
 * A CodeCommit repository, found by its name and recognised as ours by its ownership tag (see
 * RepositoryOwnership for endpoints without tags). Holds the source: down keeps it unless purging.
 * Publishes the repository ARN; the state also carries the HTTPS clone URL and the default branch.
 * The description is the one mutable field; the name is the identity.
 */
public final class RepositoryReconciler implements Reconciler<RepositorySpec, RepositoryState>,
        Updatable<RepositorySpec, RepositoryState> {
    static final String DESCRIPTION = "description";

    private final Function<RegionContext, CodeCommitClient> clients;

    public RepositoryReconciler() {
        this(ctx -> ctx.services(AwsClients.class).codecommit());
    }

    /** With another client source: tests use a scripted client for what the emulator lacks. */
    public RepositoryReconciler(Function<RegionContext, CodeCommitClient> clients) {
        this.clients = clients;
    }

    @Override
    public Optional<RepositoryState> observe(RepositorySpec spec, RegionContext ctx) {
        CodeCommitClient codecommit = clients.apply(ctx);
        return named(ctx, spec.name()).filter(m -> RepositoryOwnership.isOwned(codecommit, m, ctx.project()))
                .map(m -> RepositoryQuery.state(m, ctx.project()));
    }

    @Override
    public List<FieldChange> diff(RepositorySpec spec, RepositoryState actual) {
        return new Diffs().field(DESCRIPTION, spec.description(), actual.description()).toList();
    }

    @Override
    public Optional<String> foreign(RepositorySpec spec, RegionContext ctx) {
        CodeCommitClient codecommit = clients.apply(ctx);
        return named(ctx, spec.name())
                .filter(m -> !RepositoryOwnership.isOwned(codecommit, m, ctx.project())).map(m -> m.arn());
    }

    /** Observe's and foreign's shared lookup (see Reconciler.foreign); creates read afresh. */
    private Optional<RepositoryMetadata> named(RegionContext ctx, String name) {
        return ctx.memo("codecommit/repository/" + name, () -> RepositoryQuery.metadata(clients.apply(ctx), name));
    }

    @Override
    public RepositoryState create(RepositorySpec spec, RegionContext ctx) {
        CodeCommitClient codecommit = clients.apply(ctx);
        String description = RepositoryOwnership.marked(spec.description(), ctx.project());
        try {
            // CreateRepository takes no client token; a second create of the name fails, handled below
            return RepositoryQuery.state(AwsCall.call(() -> codecommit.createRepository(r -> r.repositoryName(spec.name())
                    .repositoryDescription(description).tags(Tags.owned(ctx.project(), spec.name()))))
                    .repositoryMetadata(), ctx.project());
        } catch (AwsFailure f) {
            if (!f.code().equals("RepositoryNameExistsException")) {
                throw f;
            }
        }
        // a lost answer: the first attempt made it (ours, by its tag), so bring it in line
        RepositoryState existing = RepositoryQuery.find(codecommit, spec.name(), ctx.project()).orElseThrow(() ->
                new IllegalStateException("repository " + spec.name() + " appeared meanwhile without our tag"));
        return diff(spec, existing).isEmpty() ? existing : update(spec, existing, diff(spec, existing), ctx);
    }

    @Override
    public RepositoryState update(RepositorySpec spec, RepositoryState actual, List<FieldChange> changes,
                                  RegionContext ctx) {
        for (FieldChange change : changes) {
            if (!change.field().equals(DESCRIPTION)) {
                throw new IllegalStateException("repository field " + change.field() + " cannot be updated");
            }
            String description = RepositoryOwnership.marked(spec.description(), ctx.project());
            AwsCall.run(() -> clients.apply(ctx).updateRepositoryDescription(r -> r.repositoryName(actual.name())
                    .repositoryDescription(description)));
        }
        return new RepositoryState(actual.name(), actual.arn(), spec.description(), actual.cloneUrlHttp(),
                actual.defaultBranch());
    }

    @Override
    public void delete(RepositoryState actual, RegionContext ctx) {
        // observe only hands over owned repositories; AWS (and the emulator) answer a missing one with success
        AwsCall.ignoringNotFound(() -> clients.apply(ctx).deleteRepository(r -> r.repositoryName(actual.name())));
    }

    @Override
    public String id(RepositoryState actual) {
        return actual.arn();
    }

    /** A repository always holds history, even before the first push names a default branch. */
    @Override
    public boolean holdsData(RepositoryState actual) {
        return true;
    }
}
