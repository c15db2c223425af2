package io.devopscli.resources.codecommit;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import java.util.Optional;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;

/**
 * Read-only look-up of an owned repository by name, for the reconciler and for whoever needs its clone
 * URL outside a plan (replication). Someone else's repository of the same name is reported as absent.
 */
public final class RepositoryQuery {
    private RepositoryQuery() {
    }

    /** The repository's HTTPS clone URL, if an owned repository of that name exists in the clients' region. */
    public static Optional<String> cloneUrlHttp(AwsClients clients, String name, String project) {
        return find(clients.codecommit(), name, project).map(RepositoryState::cloneUrlHttp);
    }

    public static Optional<RepositoryState> find(CodeCommitClient codecommit, String name, String project) {
        return metadata(codecommit, name)
                .filter(m -> RepositoryOwnership.isOwned(codecommit, m, project))
                .map(m -> state(m, project));
    }

    /** GetRepository, empty when there is no repository of that name (whoever owns it). */
    static Optional<RepositoryMetadata> metadata(CodeCommitClient codecommit, String name) {
        return AwsCall.orEmpty(() -> codecommit.getRepository(r -> r.repositoryName(name)).repositoryMetadata());
    }

    static RepositoryState state(RepositoryMetadata m, String project) {
        return new RepositoryState(m.repositoryName(), m.arn(), RepositoryOwnership.unmarked(m.repositoryDescription(), project),
                m.cloneUrlHttp(), m.defaultBranch());
    }
}
