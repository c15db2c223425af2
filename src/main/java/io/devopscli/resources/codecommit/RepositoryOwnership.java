package io.devopscli.resources.codecommit;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsFailure;
import io.devopscli.aws.UnimplementedAction;
import io.devopscli.aws.Tags;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;

/**
 * Whether a repository is ours. The ownership tag decides. An endpoint without CodeCommit's tag API
 * (the emulator keeps repository metadata only: no tags, no ListTagsForResource) leaves one piece of
 * evidence, the marker the tool appends to every description it writes. The marker is never enough
 * where tags can be read: a marked repository without the tag is someone else's.
 */
final class RepositoryOwnership {
    private RepositoryOwnership() {
    }

    /** The description as stored: the spec's text plus the marker. */
    static String marked(String description, String project) {
        return description + " " + marker(project);
    }

    /** The spec's part of a stored description. */
    static String unmarked(String stored, String project) {
        String text = stored == null ? "" : stored;
        String suffix = " " + marker(project);
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }

    static boolean isOwned(CodeCommitClient codecommit, RepositoryMetadata repository, String project) {
        try {
            Map<String, String> tags = AwsCall.call(() -> codecommit.listTagsForResource(r -> r.resourceArn(repository.arn())))
                    .tags().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            return Tags.isOwned(tags, project);
        } catch (AwsFailure f) {
            if (!UnimplementedAction.isCause(f)) {
                throw f;
            }
            String stored = repository.repositoryDescription();
            return stored != null && stored.endsWith(" " + marker(project));
        }
    }

    private static String marker(String project) {
        return "[" + Tags.OWNER_KEY + "=" + project + "]";
    }
}
