package io.devopscli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.devopscli.testing.Cli;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each boolean option of up, status and graph against the emulator, asserted by its effect, so that an
 * option inverted or ignored (as --no-live once was) fails here. Calls are counted by the tool's own
 * call counter, reported in -o json.
 */
@EmulatorTest
class OperatorOptionsEndToEndTest {
    @TempDir
    Path dir;

    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        Emulator.reset();
        cli = new Cli(dir, Cli.TWO_REGIONS);
    }

    private static long calls(Cli.Result r) {
        return r.json().get("awsCalls").get("total").asLong();
    }

    @Test
    void upDryRunDetailedExitcodeIsTwoWithChangesAndZeroWithout() {
        Cli.Result pending = cli.run("up", "--dry-run", "--detailed-exitcode");
        assertEquals(2, pending.code(), pending.toString());
        assertEquals(0, cli.run("up", "--dry-run").code(), "without the flag a plan with changes is 0");
        assertEquals(0, cli.run("up", "--yes").code());
        Cli.Result none = cli.run("up", "--dry-run", "--detailed-exitcode");
        assertEquals(0, none.code(), none.toString());
    }

    @Test
    void noLiveMakesNoLiveCallsAndShowsNoLiveSection() {
        assertEquals(0, cli.run("up", "--yes").code());
        Cli.Result plan = cli.run("up", "--dry-run", "-o", "json");
        Cli.Result noLive = cli.run("status", "--no-live", "-o", "json");
        Cli.Result live = cli.run("status", "-o", "json");
        Cli.Result liveExplicit = cli.run("status", "--live", "-o", "json");
        assertEquals(0, noLive.code(), noLive.toString());
        // status --no-live reads exactly what a plan reads: not one call for live checks
        assertEquals(calls(plan), calls(noLive), noLive.toString());
        assertTrue(calls(live) > calls(noLive), "live checks make calls: " + calls(live) + " vs " + calls(noLive));
        assertEquals(calls(live), calls(liveExplicit), "--live is the default");
        for (JsonNode region : noLive.json().get("regions")) {
            assertEquals(0, region.get("live").size(), region.toString());
        }
        assertTrue(live.json().get("regions").get(0).get("live").size() > 0, live.toString());

        Cli.Result table = cli.run("status", "--no-live");
        assertFalse(table.out().contains("LIVE "), table.toString());
        assertTrue(table.out().contains("app: not read (--no-live)"), table.toString());
        assertTrue(cli.run("status").out().contains("LIVE eu-west-1 (primary"));
    }

    @Test
    void statusShowsWhatDiffersAndAllShowsEverything() {
        assertEquals(0, cli.run("up", "--yes").code());
        try (var aws = Emulator.clients("eu-west-1")) {
            var group = aws.ec2().describeSecurityGroups(r -> r.filters(f -> f.name("tag:Name")
                    .values("acme-shop-alb-sg"))).securityGroups().get(0);
            aws.ec2().authorizeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipProtocol("tcp")
                    .fromPort(22).toPort(22).cidrIp("0.0.0.0/0"));
        }
        Cli.Result status = cli.run("status", "--no-live");
        assertTrue(status.out().contains("ec2/security-group alb"), status.toString());
        assertTrue(status.out().contains("drifted"), status.toString());
        assertFalse(status.out().contains("in-sync"), "only what differs is listed: " + status);
        assertTrue(status.out().contains("eu-west-1 (primary): ") && status.out().contains(" 1 drifted"), status.toString());
        assertTrue(status.out().contains("eu-central-1 (secondary): "), status.toString());

        Cli.Result all = cli.run("status", "--no-live", "--all");
        assertTrue(all.out().contains("in-sync"), all.toString());
        assertTrue(all.out().lines().count() > status.out().lines().count() + 100, "every resource with --all");
    }

    /** What the emulator cannot answer reads n/a and is not a problem: no !!, no negative counts. */
    @Test
    void checksTheEmulatorCannotAnswerAreNotProblems() {
        assertEquals(0, cli.run("up", "--yes").code());
        Cli.Result status = cli.run("status");
        assertEquals(0, status.code(), status.toString());
        assertFalse(status.out().contains("!!"), status.toString());
        assertFalse(status.out().contains("-1 pending"), status.toString());
        assertTrue(status.out().contains("n/a (emulator)"), status.toString());
        assertTrue(status.out().contains("dashboard: https://eu-west-1.console.aws.amazon.com/cloudwatch/home"
                + "?region=eu-west-1#dashboards/dashboard/acme-shop-eu-west-1"), status.toString());
        JsonNode live = cli.run("status", "-o", "json").json().get("regions").get(0).get("live");
        boolean sawNa = false;
        for (JsonNode c : live) {
            assertFalse(c.get("state").asText().equals("problem"), c.toString());
            sawNa |= c.get("state").asText().equals("n/a");
        }
        assertTrue(sawNa, live.toString());
    }

    @Test
    void notifyPublishesTheDriftReportAndOnlyWithTheFlag() {
        assertEquals(0, cli.run("up", "--yes").code());
        try (var aws = Emulator.clients("eu-west-1")) {
            var group = aws.ec2().describeSecurityGroups(r -> r.filters(f -> f.name("tag:Name")
                    .values("acme-shop-alb-sg"))).securityGroups().get(0);
            aws.ec2().authorizeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipProtocol("tcp")
                    .fromPort(22).toPort(22).cidrIp("0.0.0.0/0"));
        }
        // the message is printed only after SNS accepted the Publish
        Cli.Result quiet = cli.run("status", "--no-live", "--detailed-exitcode");
        assertEquals(2, quiet.code(), quiet.toString());
        assertFalse(quiet.err().contains("Drift report published"), quiet.toString());
        Cli.Result told = cli.run("status", "--no-live", "--notify", "--detailed-exitcode");
        assertEquals(2, told.code(), told.toString());
        assertTrue(told.err().contains("Drift report published to arn:aws:sns:eu-west-1:"), told.toString());
    }

    @Test
    void verboseListsTheMutatingCalls() {
        Cli.Result plain = cli.run("up", "--yes");
        assertFalse(plain.err().contains("Calls that changed something:"), plain.toString());
        Emulator.reset();
        Cli.Result verbose = cli.run("up", "--yes", "-v");
        assertTrue(verbose.err().contains("Calls that changed something:"), verbose.toString());
        assertTrue(verbose.err().contains("Ec2 CreateVpc x2"), "one VPC per region: " + verbose);

    }

    @Test
    void graphMarksEachResourceWithItsStateOrWithThePlan() {
        Cli.Result plan = cli.run("graph", "--dry-run", "--regions", "eu-west-1");
        assertEquals(0, plan.code(), plan.toString());
        assertTrue(plan.out().startsWith("flowchart LR"), plan.toString());
        assertTrue(plan.out().contains("subgraph eu_west_1[\"eu-west-1 (primary)\"]"), plan.toString());
        assertTrue(plan.out().contains("<i>create</i>"), plan.toString());
        assertTrue(plan.out().contains(" --> "), "dependencies are drawn: " + plan);

        Cli.Result missing = cli.run("graph", "--regions", "eu-west-1");
        assertTrue(missing.out().contains("<i>missing</i>") && !missing.out().contains("<i>create</i>"), missing.toString());

        assertEquals(0, cli.run("up", "--yes").code());
        Cli.Result built = cli.run("graph", "--regions", "eu-west-1");
        assertTrue(built.out().contains("<i>in sync</i>") && !built.out().contains("<i>missing</i>"), built.toString());
        Cli.Result dot = cli.run("graph", "-o", "dot", "--regions", "eu-west-1");
        assertTrue(dot.out().startsWith("digraph devops_cli {") && dot.out().contains(" -> "), dot.toString());
        assertTrue(dot.out().contains("(in sync)"), dot.toString());
    }
}
