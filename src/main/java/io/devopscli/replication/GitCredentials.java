package io.devopscli.replication;

import java.net.URI;
import java.util.Optional;

/**
 * How to sign in to one git repository over HTTP. Asked again for every request that needs it, so a
 * signed password (CodeCommit) is always fresh.
 */
@FunctionalInterface
public interface GitCredentials {

    /** The login for this repository URL, or empty to go without one. */
    Optional<GitLogin> loginFor(URI repositoryUrl);

    static GitCredentials of(String user, String password) {
        GitLogin login = new GitLogin(user, password);
        return url -> Optional.of(login);
    }

    static GitCredentials anonymous() {
        return url -> Optional.empty();
    }
}
