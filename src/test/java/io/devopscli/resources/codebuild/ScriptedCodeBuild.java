package io.devopscli.resources.codebuild;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsRequest;
import software.amazon.awssdk.services.codebuild.model.BatchGetProjectsResponse;
import software.amazon.awssdk.services.codebuild.model.CodeBuildException;
import software.amazon.awssdk.services.codebuild.model.CreateProjectRequest;
import software.amazon.awssdk.services.codebuild.model.CreateProjectResponse;
import software.amazon.awssdk.services.codebuild.model.DeleteProjectRequest;
import software.amazon.awssdk.services.codebuild.model.DeleteProjectResponse;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.UpdateProjectRequest;
import software.amazon.awssdk.services.codebuild.model.UpdateProjectResponse;

/**
 * Test only: CodeBuild's project calls as AWS documents them, for UpdateProject, which moto 5.2.5
 * lacks. In memory; can refuse the first creates as AWS does while a new role is not assumable yet.
 */
final class ScriptedCodeBuild implements CodeBuildClient {
    final Map<String, Project> projects = new LinkedHashMap<>();
    int refuseRoleTimes;
    int updates;

    @Override
    public CreateProjectResponse createProject(CreateProjectRequest r) {
        if (refuseRoleTimes > 0) {
            refuseRoleTimes--;
            throw error("InvalidInputException", "CodeBuild is not authorized to perform: sts:AssumeRole on " + r.serviceRole());
        }
        if (projects.containsKey(r.name())) {
            throw error("ResourceAlreadyExistsException", "Project already exists: " + r.name());
        }
        Project p = Project.builder().name(r.name()).arn("arn:aws:codebuild:us-east-1:123456789012:project/" + r.name())
                .source(r.source()).artifacts(r.artifacts()).environment(r.environment()).serviceRole(r.serviceRole())
                .logsConfig(r.logsConfig()).tags(r.tags()).build();
        projects.put(p.name(), p);
        return CreateProjectResponse.builder().project(p).build();
    }

    @Override
    public UpdateProjectResponse updateProject(UpdateProjectRequest r) {
        updates++;
        Project p = projects.get(r.name());
        if (p == null) {
            throw error("ResourceNotFoundException", "no project " + r.name());
        }
        Project updated = p.toBuilder().source(r.source()).artifacts(r.artifacts()).environment(r.environment())
                .serviceRole(r.serviceRole()).logsConfig(r.logsConfig()).build();
        projects.put(r.name(), updated);
        return UpdateProjectResponse.builder().project(updated).build();
    }

    @Override
    public BatchGetProjectsResponse batchGetProjects(BatchGetProjectsRequest r) {
        return BatchGetProjectsResponse.builder().projects(r.names().stream().filter(projects::containsKey)
                .map(projects::get).toList()).build();
    }

    @Override
    public DeleteProjectResponse deleteProject(DeleteProjectRequest r) {
        projects.remove(r.name());
        return DeleteProjectResponse.builder().build();
    }

    private static CodeBuildException error(String code, String message) {
        return (CodeBuildException) CodeBuildException.builder().statusCode(400).message(code + ": " + message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Override
    public String serviceName() {
        return "codebuild";
    }

    @Override
    public void close() {
    }
}
