package io.devopscli.resources.ecs;

import io.devopscli.aws.AwsCall;
import java.util.Optional;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Before the pipeline has built an image, a task definition names "<repository>:bootstrap", which nobody
 * pushes. A service on such a revision runs zero tasks (created at desired 0, its autoscaling held at
 * min 0 / max 0), so no task crash-loops pulling an image that does not exist. The pipeline's deploy
 * registers a revision with the commit's image and its Scale action then applies the topology's counts;
 * from then on `up` applies them too. The decision is per service, from the image of the revision the
 * service runs: staging may run a commit while production still waits for approval.
 */
public final class FirstImage {
    public static final String BOOTSTRAP_TAG = "bootstrap";
    /** What status says for a service that waits. */
    public static final String WAITING = "waiting for the first image: run `devops-cli push`";

    private FirstImage() {
    }

    /** Whether an image is the placeholder (or unknown): nothing the pipeline built. */
    public static boolean awaiting(String image) {
        return image == null || image.endsWith(":" + BOOTSTRAP_TAG);
    }

    /** The commit an image was built from: its tag, which the build sets to the commit SHA. */
    public static Optional<String> commitOf(String image) {
        if (awaiting(image)) {
            return Optional.empty();
        }
        int at = image.lastIndexOf('@');
        if (at >= 0) {
            return Optional.of(image.substring(at + 1)); // a digest: not a commit, but what runs
        }
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? Optional.of(image.substring(colon + 1)) : Optional.empty();
    }

    /** The image of the first container of a task definition revision (ARN or family:revision). */
    public static Optional<String> imageOf(EcsClient ecs, String taskDefinition) {
        return AwsCall.orEmpty(() -> ecs.describeTaskDefinition(r -> r.taskDefinition(taskDefinition)).taskDefinition())
                .flatMap(td -> td.containerDefinitions().stream().findFirst().map(c -> c.image()));
    }
}
