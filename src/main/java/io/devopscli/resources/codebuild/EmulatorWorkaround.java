package io.devopscli.resources.codebuild;

import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;

/**
 * moto 5.2.5 rejects a CODEPIPELINE source or artifacts without a non-empty location ("Project source
 * location is required"). AWS says a location should not be given for this type, and ignores one that
 * is, so one is sent only against an endpoint override.
 */
final class EmulatorWorkaround {
    static final String LOCATION = "codepipeline";

    private EmulatorWorkaround() {
    }

    /** The placeholder location for an emulator, null (not sent) for AWS. */
    static String codePipelineLocation(RegionContext ctx) {
        return ctx.services(AwsClients.class).settings().endpoint().isPresent() ? LOCATION : null;
    }
}
