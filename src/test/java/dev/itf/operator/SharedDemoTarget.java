package dev.itf.operator;

import dev.itf.demo.DemoOptions;
import dev.itf.demo.DemoTarget;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The demo target the suites of the operator tests run against: one for the test JVM, on a free port. */
final class SharedDemoTarget {
    private static DemoTarget demo;

    private SharedDemoTarget() {
    }

    static synchronized String url() {
        if (demo == null) {
            try {
                demo = new DemoTarget(DemoOptions.defaults(0)).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(demo::close));
        }
        return "http://127.0.0.1:" + demo.port();
    }
}
