package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import io.devopscli.testing.RetryBounds;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.model.Filter;

/** A plan replacing a VPC needs --allow-replace even with --yes; without it nothing is changed. */
@EmulatorTest
@RetryBounds(boundMillis = 5000, firstDelayMillis = 100)
class AllowReplaceTest {
    @TempDir
    Path dir;

    @BeforeEach
    void reset() {
        Emulator.reset();
    }

    @Test
    void replacingAVpcAsksEvenWithYesUnlessAllowed() throws Exception {
        assertEquals(0, new Cli(dir, Cli.TWO_REGIONS).run("up", "--yes").code());
        String vpc = vpcId();
        Cli moved = new Cli(dir, Cli.TWO_REGIONS.replace("10.20.0.0/16", "10.21.0.0/16"));

        Cli.Result refused = moved.run("up", "--yes", "--regions", "eu-west-1");
        assertEquals(64, refused.code(), refused.toString());
        assertTrue(refused.err().contains("replace ec2 vpc") && refused.err().contains("--allow-replace"), refused.toString());
        assertEquals(vpc, vpcId(), "nothing was changed");

        Cli.Result allowed = moved.run("up", "--yes", "--allow-replace", "--regions", "eu-west-1");
        assertFalse(allowed.err().contains("--allow-replace"), allowed.toString());
        assertTrue(allowed.out().contains("replacing") || allowed.err().contains("replacing ec2 vpc"), allowed.toString());
    }

    private static String vpcId() {
        try (var clients = Emulator.clients("eu-west-1")) {
            return clients.ec2().describeVpcs(r -> r.filters(Filter.builder().name("tag:devops-cli:project")
                    .values("acme-shop").build())).vpcs().get(0).vpcId();
        }
    }
}
