package io.devopscli.cli;

import io.devopscli.resources.naming.ResourceNames;
import io.devopscli.replication.ReplicationException;
import io.devopscli.replication.RepositoryEndpoint;
import io.devopscli.replication.SourcePush;
import io.devopscli.resources.codepipeline.PipelineRunFollower;
import io.devopscli.topology.RegionSpec;
import io.devopscli.topology.Topology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Puts the app's code into the primary region's repository: the content of a directory becomes the next
 * commit of the pipeline branch. The push rule starts the pipeline; replication mirrors the commit to the
 * secondaries. With --wait, follows the primary's pipeline run for that commit up to the approval.
 */
@Command(name = "push", header = "Commit a directory to the pipeline branch and push it.",
        description = {"Commit a directory (default sample-app/) as the next commit of the pipeline branch of the "
                + "primary region's repository and push it over git smart HTTP (SigV4, as replicate does).",
                "The same content twice makes no new commit; a branch that moved meanwhile is refused, never "
                        + "overwritten. Files ignored by the directory's .gitignore, and target/, are not pushed."},
        footerHeading = "%nExamples:%n",
        footer = {"  devops-cli push                              # sample-app/ onto the topology's branch",
                "  devops-cli push --wait                       # ... then follow the pipeline up to the approval",
                "  devops-cli push --path ./app --message 'Release 1.2'",
                "  devops-cli push --git-url us-east-1=http://git.internal/repos   # another git server than CodeCommit"})
final class PushCommand extends BaseCommand {
    @Option(names = "--path", paramLabel = "DIR", defaultValue = "sample-app",
            description = "Directory whose content becomes the repository's tree (default: ${DEFAULT-VALUE}).")
    Path path;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT",
            description = "Commit message (default: \"Push <DIR> with devops-cli\").")
    String message;

    @Option(names = "--branch", paramLabel = "BRANCH",
            description = "Branch to commit to (default: the topology's pipeline branch, which the pipeline builds).")
    String branch;

    @Option(names = "--wait",
            description = "Follow the primary region's pipeline run for the commit stage by stage until it waits "
                    + "for approval (exit 0), or a stage fails (exit 1).")
    boolean waitForPipeline;

    @Option(names = "--wait-timeout", paramLabel = "MINUTES", defaultValue = "60",
            description = "Give up following the pipeline after this many minutes (default: ${DEFAULT-VALUE}).")
    int waitMinutes;

    /** How often --wait reads the pipeline; hidden, for tests against a fake endpoint. */
    @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "10", hidden = true)
    double pollSeconds;

    @Mixin
    GitServerOptions git;

    @Override
    public Integer call() {
        if (!Files.isDirectory(path)) {
            throw new UsageException("--path " + path + " is not a directory");
        }
        if (waitMinutes < 1 || pollSeconds <= 0) {
            throw new UsageException("--wait-timeout must be at least 1 minute and --poll-interval above 0");
        }
        try (Session session = Session.open(common, err())) {
            Topology topology = session.topology();
            RegionSpec primary = topology.regions().stream().filter(RegionSpec::isPrimary).findFirst()
                    .orElseThrow(() -> new UsageException("push writes to the primary region: --regions must include it"));
            String target = branch != null ? branch : topology.pipeline().branch();
            String repository = topology.pipeline().repository();
            String text = message != null ? message : "Push " + path.getFileName() + "/ with devops-cli";
            SourcePush.Outcome outcome;
            try (SourcePush push = SourcePush.open(git.cache(topology), Duration.ofMinutes(2))) {
                RepositoryEndpoint endpoint = git.endpoints(session, primary.name()).resolve(primary.name(), repository);
                err().println("Pushing " + path + " to " + repository + " " + target + " in " + primary.name() + " ...");
                SourcePush.Prepared prepared = push.prepare(endpoint, target, path, text,
                        SourcePush.Author.fromEnvironment(System.getenv()));
                outcome = push.send(endpoint, prepared);
            } catch (ReplicationException e) {
                err().println("devops-cli: " + e.getMessage());
                return ExitCodes.AWS_FAILED;
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            List<String> secondaries = topology.regions().stream().filter(r -> !r.isPrimary()).map(RegionSpec::name).toList();
            boolean pipelineBranch = target.equals(topology.pipeline().branch());
            report(topology, primary.name(), repository, outcome, secondaries, pipelineBranch);
            if (!waitForPipeline) {
                return ExitCodes.OK;
            }
            if (!pipelineBranch) {
                err().println("--wait: " + target + " is not the pipeline branch (" + topology.pipeline().branch()
                        + "): no pipeline run to follow.");
                return ExitCodes.OK;
            }
            return follow(session, topology, primary.name(), outcome.sha());
        }
    }

    private void report(Topology topology, String region, String repository, SourcePush.Outcome o,
                        List<String> secondaries, boolean pipelineBranch) {
        String pipeline = ResourceNames.of(topology).pipeline();
        if (common.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("command", "push");
            doc.put("region", region);
            doc.put("repository", repository);
            doc.put("branch", o.branch());
            doc.put("commit", o.sha());
            doc.put("parent", o.parent());
            doc.put("created", o.created());
            doc.put("files", o.files());
            JsonOutput.write(out(), doc);
            return;
        }
        if (!o.created()) {
            out().printf("%s %s in %s is already at %s with this content: no new commit.%n", repository, o.branch(),
                    region, o.sha());
            out().flush();
            return;
        }
        out().printf("Pushed %s to %s %s in %s: commit %s (%d files, %s).%n", path, repository, o.branch(), region,
                o.sha(), o.files(), o.parent() == null ? "the first commit" : "on top of " + o.parent().substring(0, 10));
        if (pipelineBranch) {
            out().printf("The push rule %s-push-to-pipeline starts pipeline %s in %s on this commit.%n",
                    topology.project(), pipeline, region);
        } else {
            out().printf("%s is not the pipeline branch (%s): the pipeline does not run on it.%n", o.branch(),
                    topology.pipeline().branch());
        }
        if (!secondaries.isEmpty()) {
            out().printf("Replication mirrors it to %s (the replication function on every push; "
                    + "`devops-cli replicate` does the same by hand).%n", String.join(", ", secondaries));
        }
        out().flush();
    }

    private int follow(Session session, Topology topology, String region, String sha) {
        String pipeline = ResourceNames.of(topology).pipeline();
        err().println("Following pipeline " + pipeline + " in " + region + " for commit " + sha.substring(0, 10) + " ...");
        Duration interval = Duration.ofMillis((long) (pollSeconds * 1000));
        PipelineRunFollower follower = new PipelineRunFollower(session.clients(region).codepipeline(), interval,
                Duration.ofMinutes(Math.min(10, waitMinutes)), Duration.ofMinutes(waitMinutes), Clock.systemUTC(),
                d -> Thread.sleep(d.toMillis()));
        PipelineRunFollower.Result r = follower.follow(pipeline, sha, line -> {
            err().println(line);
            err().flush();
        });
        switch (r.ending()) {
            case AWAITING_APPROVAL -> {
                List<String> deployed = topology.app().environmentNames().stream()
                        .filter(env -> !topology.app().isLast(env)).toList();
                out().printf("Pipeline %s waits for approval in stage %s (%s).%n", pipeline, r.stage(),
                        deployed.isEmpty() ? "before " + topology.app().lastEnvironment()
                                : String.join(", ", deployed) + (deployed.size() == 1 ? " is" : " are") + " deployed");
                out().printf("Approve in the console: https://%s.console.aws.amazon.com/codesuite/codepipeline/pipelines/"
                        + "%s/view?region=%s%n", region, pipeline, region);
                out().printf("or with the AWS CLI:    aws codepipeline put-approval-result --region %s --pipeline-name %s "
                        + "--stage-name %s --action-name %s --token %s "
                        + "--result 'summary=Approved with devops-cli,status=Approved'%n",
                        region, pipeline, r.stage(), r.action(), r.token());
                out().flush();
                return ExitCodes.OK;
            }
            case SUCCEEDED -> {
                out().printf("Pipeline %s run %s succeeded.%n", pipeline, r.executionId());
                out().flush();
                return ExitCodes.OK;
            }
            case FAILED -> {
                err().printf("devops-cli: pipeline %s run %s failed in stage %s: %s%n", pipeline, r.executionId(),
                        r.stage(), r.detail());
                return ExitCodes.AWS_FAILED;
            }
            case UNAVAILABLE -> {
                err().println("Pipeline runs: unavailable from this endpoint: " + r.detail()
                        + ". The push is done; nothing to follow here.");
                return ExitCodes.OK;
            }
            default -> {
                err().println("devops-cli: " + r.detail());
                return ExitCodes.AWS_FAILED;
            }
        }
    }
}
