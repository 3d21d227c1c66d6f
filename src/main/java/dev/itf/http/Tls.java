package dev.itf.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;

/**
 * How a client checks servers' certificates: {@link #VERIFY} (the JVM's trust store and host names) or
 * {@link #TRUST_ALL} (any certificate, any name: for self-signed test servers, when a step asks for it). The TLS
 * context is made on first use, so runs without https pay nothing for it.
 */
public enum Tls {
    VERIFY(true),
    TRUST_ALL(false);

    private final boolean verifiesHosts;
    private volatile SSLSocketFactory factory;

    Tls(boolean verifiesHosts) {
        this.verifiesHosts = verifiesHosts;
    }

    boolean verifiesHosts() {
        return verifiesHosts;
    }

    SSLSocketFactory factory() {
        SSLSocketFactory f = factory;
        if (f == null) {
            synchronized (this) {
                if (factory == null) {
                    factory = verifiesHosts ? verifying() : trustingAll();
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
