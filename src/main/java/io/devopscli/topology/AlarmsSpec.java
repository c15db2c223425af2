package io.devopscli.topology;

/** Where alarm notifications go. */
public record AlarmsSpec(String email) {}
