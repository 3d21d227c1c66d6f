package dev.itf.runner;

import dev.itf.api.TlsOptions;
import dev.itf.http.Client;
import dev.itf.http.Tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a step's {@code tls} options mean: the JVM's trust store, any certificate (insecure), or a given CA. */
public final class StepTls {

    private StepTls() {
    }

    /** The run's client for these options and redirect setting. */
    public static Client client(TlsOptions tls, boolean followRedirects, StepContext ctx) {
        HttpClients clients = ctx.resources().shared(HttpClients.KEY, HttpClients::new);
        String ca = caPem(tls, ctx);
        if (ca != null) {
            return clients.trusting(ca, followRedirects);
        }
        return clients.client(tls != null && Boolean.TRUE.equals(tls.insecure), followRedirects);
    }

    /** The TLS setting of these options, for probes outside HTTP. */
    public static Tls tls(TlsOptions tls, StepContext ctx) {
        String ca = caPem(tls, ctx);
        if (ca != null) {
            return ctx.resources().shared(HttpClients.KEY, HttpClients::new).tls(ca);
        }
        return tls != null && Boolean.TRUE.equals(tls.insecure) ? Tls.TRUST_ALL : Tls.VERIFY;
    }

    /** The PEM text of the CA to trust, or null when the options name none. */
    static String caPem(TlsOptions tls, StepContext ctx) {
        if (tls == null) {
            return null;
        }
        if (tls.caSecretRef != null) {
            return ctx.secret(tls.caSecretRef, "ca.crt");
        }
        if (tls.ca != null && !tls.ca.isBlank()) {
            Path file = ctx.suiteDirectory().resolve(ctx.render(tls.ca));
            try {
                return Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("tls.ca: cannot read " + file + ": " + e.getMessage());
            }
        }
        return null;
    }
}
