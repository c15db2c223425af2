package io.devopscli.testing;

import io.devopscli.aws.CallSettings;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Installs a class's @RetryBounds before its first instance is made, and restores the previous ones after it. */
final class RetryBoundsExtension implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RetryBoundsExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        RetryBounds bounds = context.getRequiredTestClass().getAnnotation(RetryBounds.class);
        CallSettings settings = new CallSettings(Duration.ofMillis(bounds.boundMillis()),
                Duration.ofMillis(bounds.firstDelayMillis()));
        context.getStore(NAMESPACE).put(context.getUniqueId(), settings.install());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CallSettings.Installed installed = context.getStore(NAMESPACE).remove(context.getUniqueId(), CallSettings.Installed.class);
        if (installed != null) {
            installed.close();
        }
    }
}
