package io.devopscli.resources.codebuild;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.devopscli.aws.AwsClients;
import io.devopscli.aws.ClientSettings;
import io.devopscli.aws.EndpointCapabilities;
import io.devopscli.aws.EndpointCapabilities.Gap;
import io.devopscli.engine.Progress;
import io.devopscli.engine.RegionContext;
import org.junit.jupiter.api.Test;

/** AWS gets no location for a CODEPIPELINE source (as documented); only an endpoint insisting on one gets the placeholder. */
class PipelineSourceLocationTest {
    @Test
    void aPlaceholderOnlyWhereTheEndpointNeedsOne() {
        assertEquals(PipelineSourceLocation.PLACEHOLDER, location(EndpointCapabilities.EMULATOR));
        assertNull(location(EndpointCapabilities.EMULATOR.with(Gap.CODEBUILD_PIPELINE_SOURCE_WITHOUT_LOCATION, false)));
        assertNull(location(EndpointCapabilities.AWS));
    }

    private static String location(EndpointCapabilities capabilities) {
        // no call is made: the clients are only built, never used
        try (AwsClients clients = new AwsClients("us-east-1",
                ClientSettings.resolve("http://127.0.0.1:9", null).withCapabilities(capabilities))) {
            return PipelineSourceLocation.of(new RegionContext("us-east-1", "proj", clients, Progress.SILENT));
        }
    }
}
