package io.devopscli.resources.cloudwatch;

/** The dashboard of our name as observed: its body as CloudWatch holds it. */
public record DashboardState(String name, String body) {}
