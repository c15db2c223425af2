package io.devopscli.topology;

/** Network settings shared by every region. */
public record NetworkSpec(int azs, NatMode natGateways, boolean flowLogs, int flowLogRetentionDays) {
    public enum NatMode {
        PER_AZ("per-az"), SINGLE("single"), NONE("none");

        private final String yamlName;

        NatMode(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
