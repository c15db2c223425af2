package io.devopscli.replication;

import java.net.URI;

/** Where one region's copy of the repository lives (an HTTP(S) git URL) and how to sign in to it. */
public record RepositoryEndpoint(String region, URI url, GitCredentials credentials) {
    @Override
    public String toString() {
        return region + " " + url;
    }
}
