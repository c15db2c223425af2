package io.devopscli.resources.iam;

import io.devopscli.aws.AwsCall;
import io.devopscli.aws.AwsClients;
import io.devopscli.engine.RegionContext;
import io.devopscli.resources.GlobalReads;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.RoleDetail;

/**
 * Every IAM role of the account with its trust policy, inline policies and tags, from one paginated
 * GetAccountAuthorizationDetails (Filter=Role) per plan, shared by every region (IAM is global; see GlobalReads): what replaces a GetRole and a
 * GetRolePolicy per role when observing. It carries everything observe compares (trust policy, the
 * inline policy by name, the ownership tag), so no drift goes unseen. IAM is eventually consistent either
 * way; a create builds its state from what CreateRole answered and what it put, and foreign() asks this too.
 */
final class AccountRoles {
    /** The API's largest page: an account with a thousand roles is still one call. */
    private static final int PAGE = 1000;

    private AccountRoles() {
    }

    /** The role of that name, if the account has one. */
    static Optional<RoleDetail> named(RegionContext ctx, String name) {
        return Optional.ofNullable(all(ctx).get(name));
    }

    private static Map<String, RoleDetail> all(RegionContext ctx) {
        AwsClients clients = ctx.services(AwsClients.class);
        return GlobalReads.memo(ctx, "iam/account-roles", () -> {
            Map<String, RoleDetail> byName = new HashMap<>();
            AwsCall.call(() -> clients.iam().getAccountAuthorizationDetailsPaginator(r -> r
                    .filter(EntityType.ROLE).maxItems(PAGE)).roleDetailList().stream().toList())
                    .forEach(role -> byName.put(role.roleName(), role));
            return Map.copyOf(byName);
        });
    }
}
