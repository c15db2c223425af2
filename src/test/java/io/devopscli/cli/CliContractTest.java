package io.devopscli.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing, exit codes and messages of bad input, with proof that none of it reaches AWS. */
class CliContractTest {
    private RequestCounter aws;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        aws = new RequestCounter();
    }

    @AfterEach
    void stop() {
        assertEquals(0, aws.requests(), "bad input must not reach AWS");
        aws.close();
    }

    private Cli.Result run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--endpoint-url";
        all[args.length + 1] = aws.url();
        return Cli.inProcess(all);
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Result r = run("up", "--frobnicate");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    @Test
    void missingSubcommandIsAUsageError() {
        Cli.Result r = Cli.inProcess();
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("a subcommand is required"), r.toString());
    }

    @Test
    void badOutputFormatIsAUsageError() {
        Cli.Result r = run("status", "-o", "yaml");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("Invalid value for option '--output'"), r.toString());
    }

    @Test
    void invalidTopologyExits65WithEveryProblemAndItsPosition() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                project: Bad_Name
                regions:
                  - {name: us-east-1, role: primary, cidr: 10.0.0.0/16}
                  - {name: us-east-1, role: primary, cidr: 10.0.0.0/16}
                netwrk: {azs: 2}
                """);
        Cli.Result r = run("up", "-c", bad.toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("the topology is invalid"), r.toString());
        assertTrue(r.err().contains(bad + ":1:"), "project problem with its line: " + r);
        assertTrue(r.err().contains(":5:1:"), "unknown key with its line and column: " + r);
        assertTrue(r.err().contains("did you mean 'network'"), r.toString());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r);
    }

    @Test
    void missingTopologyFileExits65() {
        Cli.Result r = run("status", "-c", dir.resolve("nope.yaml").toString());
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("nope.yaml"), r.toString());
    }

    @Test
    void aMissingDefaultTopologyNamesTheDirectoryAndSuggestsDashC() {
        // the default path is relative: run from elsewhere, as a newcomer would, by pointing at a missing one
        Cli.Result r = run("status", "-c", "no-such-dir/topology.yaml");
        assertEquals(65, r.code(), r.toString());
        assertTrue(r.err().contains("looked in " + Path.of("").toAbsolutePath()), r.toString());
        assertTrue(r.err().contains("pass -c/--config FILE"), r.toString());
    }

    @Test
    void aMalformedEndpointIsAUsageErrorBeforeAnyCall() {
        for (String url : new String[] {"localhost:4566", "http://", "ht tp://x"}) {
            Cli.Result r = Cli.inProcess("status", "-c", "config/topology.yaml", "--endpoint-url", url);
            assertEquals(64, r.code(), r.toString());
            assertTrue(r.err().contains("--endpoint-url " + url), r.toString());
            assertFalse(r.err().contains("Exception"), r.toString());
        }
    }

    @Test
    void detailedExitCodeOfUpGoesWithDryRun() {
        Cli.Result r = run("up", "-c", "config/topology.yaml", "--detailed-exitcode", "--yes");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("--detailed-exitcode goes with --dry-run"), r.toString());
    }

    @Test
    void unknownRegionFilterIsAUsageError() {
        Cli.Result r = run("status", "-c", "config/topology.yaml", "--regions", "us-east-1,eu-west-9");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("--regions names eu-west-9, not in the topology (us-east-1, us-east-2)"), r.toString());
    }

    @Test
    void downWithoutYesAndWithoutTerminalRefuses() {
        Cli.Result r = run("down", "-c", "config/topology.yaml");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("pass --yes"), r.toString());
    }

    @Test
    void upWithoutYesAndWithoutTerminalRefuses() {
        Cli.Result r = run("up", "-c", "config/topology.yaml");
        assertEquals(64, r.code(), r.toString());
        assertTrue(r.err().contains("pass --yes"), r.toString());
    }

    @Test
    void replicateRejectsBadOptionsBeforeAnyCall() {
        Cli.Result sha = run("replicate", "--commit", "not-a-sha");
        assertEquals(64, sha.code(), sha.toString());
        assertTrue(sha.err().contains("--commit takes a commit SHA"), sha.toString());

        Cli.Result branch = run("replicate", "--branch", "main");
        assertEquals(64, branch.code(), branch.toString());
        assertTrue(branch.err().contains("--branch goes with --commit"), branch.toString());

        Cli.Result url = run("replicate", "--git-url", "us-east-1");
        assertEquals(64, url.code(), url.toString());
        assertTrue(url.err().contains("expected REGION=URL"), url.toString());

        Cli.Result region = run("replicate", "-c", "config/topology.yaml", "--git-url", "eu-west-9=http://127.0.0.1:1/r");
        assertEquals(64, region.code(), region.toString());
        assertTrue(region.err().contains("--git-url names eu-west-9"), region.toString());
    }

    @Test
    void failoverNeedsItsTargetARegionOfTheTopologyAndConsent() {
        assertEquals(64, run("failover").code());
        Cli.Result unknown = run("failover", "-c", "config/topology.yaml", "--to", "eu-west-9", "--yes");
        assertEquals(64, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("--to eu-west-9 is not a region of the topology (us-east-1, us-east-2)"),
                unknown.toString());
        Cli.Result noTerminal = run("failover", "-c", "config/topology.yaml", "--to", "us-east-2");
        assertEquals(64, noTerminal.code(), noTerminal.toString());
        assertTrue(noTerminal.err().contains("pass --yes"), noTerminal.toString());
    }

    @Test
    void helpListsEverySubcommand() {
        Cli.Result r = Cli.inProcess("--help");
        assertEquals(0, r.code(), r.toString());
        for (String sub : new String[] {"up", "down", "status", "replicate", "failover"}) {
            assertTrue(r.out().contains(sub), sub + " missing from help: " + r);
        }
    }
}
