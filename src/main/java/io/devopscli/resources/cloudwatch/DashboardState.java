package io.devopscli.resources.cloudwatch;

import io.devopscli.resources.ec2.ParentIds;

/** The dashboard of our name as observed: its body as CloudWatch holds it, and the parents' ids for diff. */
public record DashboardState(String name, String body, ParentIds parents) {}
