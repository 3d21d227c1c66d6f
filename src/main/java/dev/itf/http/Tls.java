package dev.itf.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * How a client checks servers' certificates: {@link #VERIFY} (the JVM's trust store and host names),
 * {@link #TRUST_ALL} (any certificate, any name: for self-signed test servers, when a step asks for it) or
 * {@link #trusting} given CA certificates (a private CA; host names checked). The TLS context is made on first use, so
 * runs without https pay nothing for it. Connections are pooled per instance: keep one per CA.
 */
public final class Tls {
    public static final Tls VERIFY = new Tls(true, null);
    public static final Tls TRUST_ALL = new Tls(false, null);

    private final boolean verifiesHosts;
    private final List<X509Certificate> trusted;
    private volatile SSLSocketFactory factory;

    private Tls(boolean verifiesHosts, List<X509Certificate> trusted) {
        this.verifiesHosts = verifiesHosts;
        this.trusted = trusted;
    }

    /** Trusts these CA certificates only (not the JVM's trust store), and checks host names. */
    public static Tls trusting(List<X509Certificate> cas) {
        if (cas == null || cas.isEmpty()) {
            throw new IllegalArgumentException("no CA certificate to trust");
        }
        return new Tls(true, List.copyOf(cas));
    }

    /** The socket factory of this setting, for TLS probes outside HTTP; host names are checked by the caller. */
    public SSLSocketFactory socketFactory() {
        return factory();
    }

    boolean verifiesHosts() {
        return verifiesHosts;
    }

    SSLSocketFactory factory() {
        SSLSocketFactory f = factory;
        if (f == null) {
            synchronized (this) {
                if (factory == null) {
                    factory = trusted != null ? trustingCas(trusted) : verifiesHosts ? verifying() : trustingAll();
                }
                f = factory;
            }
        }
        return f;
    }

    private static SSLSocketFactory verifying() {
        try {
            return SSLContext.getDefault().getSocketFactory();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no TLS in this JVM: " + e.getMessage(), e);
        }
    }

    private static SSLSocketFactory trustingCas(List<X509Certificate> cas) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot create a TLS context for the CA: " + e.getMessage(), e);
        }
    }

    /**
     * A context that accepts any certificate. Its trust manager is an X509ExtendedTrustManager, so the JDK leaves host
     * name checks to it as well: they are off for this setting only, never for {@link #VERIFY}.
     */
    private static SSLSocketFactory trustingAll() {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
            return ctx.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create a TLS context: " + e.getMessage(), e);
        }
    }

    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
