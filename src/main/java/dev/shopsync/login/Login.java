package dev.shopsync.login;

/** A username and its password, as read from a secret; {@link #toString()} never shows the password. */
public record Login(String username, String password) {

    @Override
    public String toString() {
        return "Login[username=" + username + ", password=***]";
    }
}
