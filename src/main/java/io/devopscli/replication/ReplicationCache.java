package io.devopscli.replication;

import java.nio.file.Path;

/** Where a machine keeps its bare mirror of a project's repository between runs. */
public final class ReplicationCache {
    private ReplicationCache() {
    }

    /** $XDG_CACHE_HOME (or ~/.cache)/devops-cli/replication/<project>/<repository>.git */
    public static Path defaultDir(String project, String repository) {
        String base = System.getenv("XDG_CACHE_HOME");
        Path root = base == null || base.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(base);
        return root.resolve("devops-cli").resolve("replication").resolve(project).resolve(repository + ".git");
    }
}
