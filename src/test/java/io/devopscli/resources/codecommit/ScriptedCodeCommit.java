package io.devopscli.resources.codecommit;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.codecommit.CodeCommitClient;
import software.amazon.awssdk.services.codecommit.model.CodeCommitException;
import software.amazon.awssdk.services.codecommit.model.CreateRepositoryRequest;
import software.amazon.awssdk.services.codecommit.model.CreateRepositoryResponse;
import software.amazon.awssdk.services.codecommit.model.DeleteRepositoryRequest;
import software.amazon.awssdk.services.codecommit.model.DeleteRepositoryResponse;
import software.amazon.awssdk.services.codecommit.model.GetRepositoryRequest;
import software.amazon.awssdk.services.codecommit.model.GetRepositoryResponse;
import software.amazon.awssdk.services.codecommit.model.ListTagsForResourceRequest;
import software.amazon.awssdk.services.codecommit.model.ListTagsForResourceResponse;
import software.amazon.awssdk.services.codecommit.model.RepositoryMetadata;
import software.amazon.awssdk.services.codecommit.model.UpdateRepositoryDescriptionRequest;
import software.amazon.awssdk.services.codecommit.model.UpdateRepositoryDescriptionResponse;

/**
 * Test only: CodeCommit as AWS documents it, for the parts moto 5.2.5 lacks (tags,
 * ListTagsForResource, UpdateRepositoryDescription). In memory, one region, errors with AWS's codes.
 */
final class ScriptedCodeCommit implements CodeCommitClient {
    static final String REGION = "us-east-1";
    final Map<String, RepositoryMetadata> repositories = new LinkedHashMap<>();
    final Map<String, Map<String, String>> tagsByArn = new HashMap<>();
    int mutations;

    @Override
    public CreateRepositoryResponse createRepository(CreateRepositoryRequest request) {
        mutations++;
        if (repositories.containsKey(request.repositoryName())) {
            throw error("RepositoryNameExistsException", request.repositoryName() + " already exists");
        }
        RepositoryMetadata m = RepositoryMetadata.builder().repositoryName(request.repositoryName())
                .repositoryId(UUID.randomUUID().toString()).repositoryDescription(request.repositoryDescription())
                .arn("arn:aws:codecommit:" + REGION + ":123456789012:" + request.repositoryName())
                .cloneUrlHttp("https://git-codecommit." + REGION + ".amazonaws.com/v1/repos/" + request.repositoryName())
                .build();
        repositories.put(m.repositoryName(), m);
        tagsByArn.put(m.arn(), new HashMap<>(request.tags()));
        return CreateRepositoryResponse.builder().repositoryMetadata(m).build();
    }

    @Override
    public GetRepositoryResponse getRepository(GetRepositoryRequest request) {
        return GetRepositoryResponse.builder().repositoryMetadata(existing(request.repositoryName())).build();
    }

    @Override
    public ListTagsForResourceResponse listTagsForResource(ListTagsForResourceRequest request) {
        if (!tagsByArn.containsKey(request.resourceArn())) {
            throw error("RepositoryDoesNotExistException", request.resourceArn() + " does not exist");
        }
        return ListTagsForResourceResponse.builder().tags(tagsByArn.get(request.resourceArn())).build();
    }

    @Override
    public UpdateRepositoryDescriptionResponse updateRepositoryDescription(UpdateRepositoryDescriptionRequest request) {
        mutations++;
        RepositoryMetadata m = existing(request.repositoryName());
        repositories.put(m.repositoryName(), m.toBuilder().repositoryDescription(request.repositoryDescription()).build());
        return UpdateRepositoryDescriptionResponse.builder().build();
    }

    @Override
    public DeleteRepositoryResponse deleteRepository(DeleteRepositoryRequest request) {
        mutations++;
        RepositoryMetadata m = repositories.remove(request.repositoryName());
        if (m == null) {
            return DeleteRepositoryResponse.builder().build(); // AWS: success without an id
        }
        tagsByArn.remove(m.arn());
        return DeleteRepositoryResponse.builder().repositoryId(m.repositoryId()).build();
    }

    /** Someone else's repository: made outside the tool, with whatever tags they chose. */
    void addForeign(String name, String description, Map<String, String> tags) {
        RepositoryMetadata m = RepositoryMetadata.builder().repositoryName(name).repositoryDescription(description)
                .arn("arn:aws:codecommit:" + REGION + ":123456789012:" + name).build();
        repositories.put(name, m);
        tagsByArn.put(m.arn(), tags);
    }

    private RepositoryMetadata existing(String name) {
        RepositoryMetadata m = repositories.get(name);
        if (m == null) {
            throw error("RepositoryDoesNotExistException", name + " does not exist");
        }
        return m;
    }

    private static CodeCommitException error(String code, String message) {
        return (CodeCommitException) CodeCommitException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Override
    public String serviceName() {
        return "codecommit";
    }

    @Override
    public void close() {
    }
}
