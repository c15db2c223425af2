package io.devopscli.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails an @EmulatorTest class at once when no endpoint is configured (Emulator.endpoint throws with how to
 * start one), rather than letting each test find out on its own, or a test that never calls the
 * emulator pass without it.
 */
final class EmulatorRequired implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        Emulator.endpoint();
    }
}
