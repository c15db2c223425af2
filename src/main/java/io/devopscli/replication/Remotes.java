package io.devopscli.replication;

import java.io.IOException;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jgit.errors.UnsupportedCredentialItem;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.CredentialItem;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;

/** Opens JGit transports (smart HTTP) to an endpoint, with its credentials and a timeout. */
final class Remotes {
    private Remotes() {
    }

    static Transport open(Repository local, RepositoryEndpoint endpoint, Duration timeout) throws IOException {
        Transport transport;
        try {
            transport = Transport.open(local, new URIish(endpoint.url().toString()));
        } catch (URISyntaxException e) {
            throw new IOException("bad git URL " + endpoint.url() + ": " + e.getMessage(), e);
        }
        transport.setCredentialsProvider(new Login(endpoint));
        transport.setTimeout((int) Math.max(1, timeout.toSeconds()));
        return transport;
    }

    /** Asks the endpoint's credentials each time JGit needs them, so signed passwords stay fresh. */
    private static final class Login extends CredentialsProvider {
        private final RepositoryEndpoint endpoint;

        Login(RepositoryEndpoint endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public boolean isInteractive() {
            return false;
        }

        @Override
        public boolean supports(CredentialItem... items) {
            for (CredentialItem item : items) {
                if (!(item instanceof CredentialItem.Username) && !(item instanceof CredentialItem.Password)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public boolean get(URIish uri, CredentialItem... items) throws UnsupportedCredentialItem {
            Optional<GitLogin> login = endpoint.credentials().loginFor(endpoint.url());
            if (login.isEmpty()) {
                return false;
            }
            for (CredentialItem item : items) {
                if (item instanceof CredentialItem.Username u) {
                    u.setValue(login.get().user());
                } else if (item instanceof CredentialItem.Password p) {
                    p.setValue(login.get().password().toCharArray());
                } else {
                    throw new UnsupportedCredentialItem(uri, item.getClass().getSimpleName());
                }
            }
            return true;
        }
    }
}
