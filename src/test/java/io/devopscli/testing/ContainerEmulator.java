package io.devopscli.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The emulator in a container, for machines with a Docker engine: set DEVOPS_CLI_TEST_CONTAINER to an
 * image, `motoserver/moto:5.2.5` (or a LocalStack image, which reads LOCALSTACK_AUTH_TOKEN), and run
 * `mvn verify` without -Ddevopscli.test.endpoint. One container serves the whole test JVM and stops with
 * it. The default path (make test) runs moto server from PyPI and needs no Docker; this machine kind has
 * no Docker engine, so this path is not exercised by CI here.
 */
final class ContainerEmulator {
    static final String IMAGE_VARIABLE = "DEVOPS_CLI_TEST_CONTAINER";
    private static final int PORT = 5000;
    private static final int LOCALSTACK_PORT = 4566;
    private static String url;

    private ContainerEmulator() {
    }

    static synchronized String url() {
        if (url == null) {
            String image = System.getenv(IMAGE_VARIABLE);
            int port = image.contains("localstack") ? LOCALSTACK_PORT : PORT;
            GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                    .withExposedPorts(port)
                    .withEnv("MOTO_ECS_SERVICE_RUNNING", "2")
                    .waitingFor(Wait.forListeningPort());
            String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
            if (token != null) {
                container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
            }
            container.start();
            url = "http://" + container.getHost() + ":" + container.getMappedPort(port);
        }
        return url;
    }
}
