package io.devopscli.engine;

/** Where long operations report what they are doing ("creating ec2 nat-gateway us-east-1a ... 40s"). */
public interface Progress {

    void info(String message);

    Progress SILENT = message -> { };
}
