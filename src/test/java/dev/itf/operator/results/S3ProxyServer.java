package dev.itf.operator.results;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

/**
 * S3Proxy, a real S3 API server (AWS signature v4 checked) over jclouds' in-memory blob store, for tests. It runs in a
 * class loader of its own: jclouds needs Guice 7, and the Quarkus test bootstrap puts Guice 5 on the class path.
 */
public final class S3ProxyServer {
    private static S3Proxy proxy;
    private static BlobStoreContext blobs;

    /** Called inside the isolated class loader. */
    public static synchronized int start(String keyId, String secret) throws Exception {
        blobs = ContextBuilder.newBuilder("transient").credentials("identity", "credential").build(BlobStoreContext.class);
        proxy = S3Proxy.builder().blobStore(blobs.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, keyId, secret).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 30 s: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        return proxy.getPort();
    }

    public static synchronized void createBucket(String name) {
        blobs.getBlobStore().createContainerInLocation(null, name);
    }

    public static synchronized void stop() throws Exception {
        proxy.stop();
        blobs.close();
    }

    /** A handle from the test's side of the class loaders. */
    static final class Handle implements AutoCloseable {
        private final Class<?> server;
        final int port;

        Handle(String keyId, String secret) throws Exception {
            List<URL> urls = new ArrayList<>();
            String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.contains("guice-5.")) {
                    urls.add(new File(entry).toURI().toURL());
                }
            }
            ClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
            server = Class.forName(S3ProxyServer.class.getName(), true, isolated);
            port = (int) call("start", keyId, secret);
        }

        void createBucket(String name) throws Exception {
            call("createBucket", name);
        }

        private Object call(String name, Object... args) throws Exception {
            // jclouds finds its providers through the context class loader, and Jetty's threads inherit it
            Thread self = Thread.currentThread();
            ClassLoader before = self.getContextClassLoader();
            self.setContextClassLoader(server.getClassLoader());
            try {
                for (Method m : server.getMethods()) {
                    if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                        return m.invoke(null, args);
                    }
                }
                throw new NoSuchMethodException(name);
            } finally {
                self.setContextClassLoader(before);
            }
        }

        @Override
        public void close() throws Exception {
            call("stop");
        }
    }
}
