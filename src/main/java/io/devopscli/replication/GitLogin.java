package io.devopscli.replication;

/** A user name and password for git over HTTP (Basic). toString never shows the password. */
public record GitLogin(String user, String password) {
    @Override
    public String toString() {
        return "GitLogin[" + user + ", ****]";
    }
}
