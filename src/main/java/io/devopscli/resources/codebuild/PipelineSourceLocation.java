package io.devopscli.resources.codebuild;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;

/**
 * The location a project's CODEPIPELINE source and artifacts carry: none on AWS, which says a location
 * should not be given for this type; a placeholder where the endpoint insists on one
 * (EndpointCapabilities.Gap.CODEBUILD_PIPELINE_SOURCE_WITHOUT_LOCATION).
 */
final class PipelineSourceLocation {
    static final String PLACEHOLDER = "codepipeline";

    private PipelineSourceLocation() {
    }

    /** The placeholder where the endpoint needs one, null (not sent) otherwise. */
    static String of(RegionContext ctx) {
        return ctx.services(AwsClients.class).capabilities().codeBuildPipelineSourceWithoutLocation() ? null : PLACEHOLDER;
    }
}
