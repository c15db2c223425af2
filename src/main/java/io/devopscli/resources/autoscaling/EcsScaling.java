package io.devopscli.resources.autoscaling;

import io.devopscli.resources.ecs.ServiceState;
import software.amazon.awssdk.services.applicationautoscaling.model.ScalableDimension;
import software.amazon.awssdk.services.applicationautoscaling.model.ServiceNamespace;

/** What Application Auto Scaling calls an ECS service's desired count. */
final class EcsScaling {
    static final ServiceNamespace NAMESPACE = ServiceNamespace.ECS;
    static final ScalableDimension DIMENSION = ScalableDimension.ECS_SERVICE_DESIRED_COUNT;

    private EcsScaling() {
    }

    /** "service/<cluster name>/<service name>". */
    static String resourceId(ServiceState service) {
        String cluster = service.clusterArn().substring(service.clusterArn().lastIndexOf('/') + 1);
        return "service/" + cluster + "/" + service.name();
    }
}
