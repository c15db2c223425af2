package io.devopscli.resources.iam;

import static io.devopscli.resources.EngineHarness.PROJECT;
import static io.devopscli.resources.EngineHarness.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.devopscli.aws.Tags;
import io.devopscli.engine.Action;
import io.devopscli.engine.Change;
import io.devopscli.engine.FieldChange;
import io.devopscli.engine.NodeResult;
import io.devopscli.engine.Plan;
import io.devopscli.engine.ResourceKey;
import io.devopscli.engine.RunReport;
import io.devopscli.resources.EngineHarness;
import io.devopscli.testing.Emulator;
import io.devopscli.testing.EmulatorTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.Role;

@EmulatorTest
class RoleReconcilerEmulatorTest {
    private static final String NAME = "natproj-us-east-1-flow-logs";
    private static final String PRINCIPAL = "vpc-flow-logs.amazonaws.com";
    private static final String POLICY = Policies.flowLogs("/devops-cli/natproj/flow-logs", "us-east-1");
    private static final ResourceKey KEY = key("iam/role", "flow-logs");

    private EngineHarness harness;
    private IamClient iam;

    @BeforeEach
    void setUp() {
        Emulator.reset();
        harness = new EngineHarness(g -> g.add(KEY, new RoleReconciler(), new RoleSpec(NAME, PRINCIPAL, "flow-logs", POLICY)));
        iam = harness.clients().iam();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    void basicCreatesRoleWithTrustTagsAndInlinePolicy() {
        harness.up();

        Role role = iam.getRole(r -> r.roleName(NAME)).role();
        Map<String, String> tags = iam.listRoleTags(r -> r.roleName(NAME)).tags().stream()
                .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
        assertEquals(Map.of(Tags.OWNER_KEY, PROJECT, Tags.NAME_KEY, NAME), tags);
        assertEquals(PolicyDocuments.parse(Policies.trust(PRINCIPAL)), PolicyDocuments.parse(role.assumeRolePolicyDocument()));
        assertEquals(PolicyDocuments.parse(POLICY),
                PolicyDocuments.parse(iam.getRolePolicy(r -> r.roleName(NAME).policyName("flow-logs")).policyDocument()));
        assertEquals(Action.NOOP, EngineHarness.byKey(harness.plan()).get(KEY).action());
    }

    @Test
    void idempotentSecondRunChangesNothing() {
        harness.assertSecondRunChangesNothing();
    }

    @Test
    void updateRestoresPolicyAndTrustChangedOutOfBand() {
        harness.up();
        String wide = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"logs:*\",\"Resource\":\"*\"}]}";
        iam.putRolePolicy(r -> r.roleName(NAME).policyName("flow-logs").policyDocument(wide));
        iam.updateAssumeRolePolicy(r -> r.roleName(NAME).policyDocument(Policies.trust("ec2.amazonaws.com")));

        Change change = EngineHarness.byKey(harness.plan()).get(KEY);
        assertEquals(Action.UPDATE, change.action());
        assertEquals(List.of("trustPolicy", "policy"), change.fields().stream().map(FieldChange::field).toList());
        harness.up();

        assertEquals(PolicyDocuments.parse(POLICY),
                PolicyDocuments.parse(iam.getRolePolicy(r -> r.roleName(NAME).policyName("flow-logs")).policyDocument()));
        assertEquals(PolicyDocuments.parse(Policies.trust(PRINCIPAL)),
                PolicyDocuments.parse(iam.getRole(r -> r.roleName(NAME)).role().assumeRolePolicyDocument()));
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void disappearsPlansExactlyOneCreate() {
        harness.up();
        iam.deleteRolePolicy(r -> r.roleName(NAME).policyName("flow-logs"));
        iam.deleteRole(r -> r.roleName(NAME));

        assertEquals(List.of(new Change(KEY, Action.CREATE, List.of())), EngineHarness.mutations(harness.plan()));
        harness.up();
        assertEquals(List.of(), EngineHarness.mutations(harness.plan()));
    }

    @Test
    void destroyDeletesInlinePoliciesThenTheRole() {
        harness.up();
        // a second inline policy added by hand must not block the delete
        iam.putRolePolicy(r -> r.roleName(NAME).policyName("extra").policyDocument(POLICY));
        harness.down();

        assertFalse(iam.listRoles().roles().stream().anyMatch(r -> r.roleName().equals(NAME)));
    }

    @Test
    void aSameNamedRoleWithoutOurTagIsNeitherAdoptedNorDeleted() {
        iam.createRole(r -> r.roleName(NAME).assumeRolePolicyDocument(Policies.trust(PRINCIPAL)));

        assertEquals(Action.CREATE, EngineHarness.byKey(harness.plan()).get(KEY).action());
        RunReport report = harness.apply(harness.plan());
        NodeResult result = report.results().get(0);
        assertEquals(NodeResult.Outcome.FAILED, result.outcome());
        assertTrue(result.message().contains("exists and is not owned by devops-cli"), result.message());

        harness.down();
        assertTrue(iam.listRoles().roles().stream().anyMatch(r -> r.roleName().equals(NAME)));
        assertTrue(iam.listRolePolicies(r -> r.roleName(NAME)).policyNames().isEmpty(), "no policy was put on it");
    }
}
