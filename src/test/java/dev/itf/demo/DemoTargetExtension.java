package dev.itf.demo;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** A demo target on a free port for the tests of one class: {@code @RegisterExtension static DemoTargetExtension demo = new DemoTargetExtension();}. */
public final class DemoTargetExtension implements BeforeAllCallback, AfterAllCallback {

    private DemoTarget target;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        target = new DemoTarget(DemoOptions.defaults(0)).start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        target.close();
    }

    /** {@code http://localhost:PORT}. */
    public String url() {
        return "http://localhost:" + target.port();
    }
}
