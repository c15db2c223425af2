package io.devopscli.resources.codebuild;

/**
 * The inline buildspec of the pipeline's Scale action (see ecs.FirstImage). It runs after an ECS deploy:
 * a service still held at zero (its scalable target's max is 0, as `up` leaves it before the first image)
 * gets the topology's counts, which the action's environment carries (CLUSTER, SERVICE, DESIRED, MIN,
 * MAX). Any other service is left alone, so later deploys, and the counts autoscaling chose, are never
 * touched. Raising the target's min makes Application Auto Scaling keep at least MIN tasks; setting the
 * desired count starts them now.
 */
public final class ScaleBuildspec {
    public static final String YAML = """
            version: 0.2
            phases:
              build:
                commands:
                  - 'RESOURCE="service/$CLUSTER/$SERVICE"'
                  - 'HELD=$(aws application-autoscaling describe-scalable-targets --service-namespace ecs --resource-ids "$RESOURCE" --query "ScalableTargets[0].MaxCapacity" --output text)'
                  - |
                    if [ "$HELD" = "0" ]; then
                      aws application-autoscaling register-scalable-target --service-namespace ecs --scalable-dimension ecs:service:DesiredCount --resource-id "$RESOURCE" --min-capacity "$MIN" --max-capacity "$MAX"
                      aws ecs update-service --cluster "$CLUSTER" --service "$SERVICE" --desired-count "$DESIRED" --query "service.desiredCount"
                      echo "first image deployed: $SERVICE now runs $DESIRED tasks (autoscaling $MIN to $MAX)"
                    else
                      echo "$SERVICE already runs its own counts (autoscaling max $HELD): nothing to do"
                    fi
            """;

    private ScaleBuildspec() {
    }
}
