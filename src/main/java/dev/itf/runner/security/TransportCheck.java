package dev.itf.runner.security;

import dev.itf.api.SecurityChecks;
import dev.itf.api.TlsOptions;
import dev.itf.http.Tls;
import dev.itf.runner.StepTls;
import dev.itf.runner.auth.AppliedAuth;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TLS of the base URL: no handshake with a protocol older than minVersion, a certificate that is trusted, names the
 * host and stays valid long enough, HSTS, and plain HTTP that redirects to https or is refused. Credentials are
 * never sent over plain HTTP.
 */
final class TransportCheck {

    static final int DEFAULT_MIN_DAYS = 14;
    static final long DEFAULT_HSTS_MAX_AGE = 31_536_000L;
    private static final List<String> ORDER = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    private TransportCheck() {
    }

    static void run(Scan scan, SecurityChecks.Transport spec, String baseUrl, TlsOptions tls) throws Exception {
        URI base = URI.create(baseUrl);
        if (!"https".equalsIgnoreCase(base.getScheme()) || base.getHost() == null) {
            throw new IllegalArgumentException("security.checks.transport: baseUrl must be an https:// URL, not " + baseUrl);
        }
        String host = base.getHost();
        int port = base.getPort() < 0 ? 443 : base.getPort();
        Duration timeout = scan.ctx.timeout().compareTo(Duration.ofSeconds(10)) < 0 ? scan.ctx.timeout() : Duration.ofSeconds(10);
        String endpoint = host + ":" + port;
        if (spec.minVersion != null) {
            int floor = ORDER.indexOf(spec.minVersion);
            if (floor < 0) {
                throw new IllegalArgumentException("security.checks.transport.minVersion: " + spec.minVersion + " is none of " + ORDER);
            }
            for (String older : ORDER.subList(0, floor)) {
                TlsProbe.Answer a = TlsProbe.offer(host, port, older, timeout);
                scan.ctx.log("transport " + endpoint + ": " + older + " ClientHello: " + a.detail());
                scan.findings.add("transport", "transport.protocol", "https://" + endpoint, !a.accepted(), Findings.HIGH,
                        older + " handshake with " + endpoint + ": " + a.detail() + (a.accepted() ? " (older than " + spec.minVersion + ")" : ""));
            }
        }
        if (spec.certificate != null) {
            certificate(scan, spec.certificate, host, port, endpoint, tls, timeout);
        }
        if (spec.hsts != null) {
            long min = spec.hsts.minMaxAge == null ? DEFAULT_HSTS_MAX_AGE : spec.hsts.minMaxAge;
            SecurityRequest r = scan.requests.isEmpty() ? new SecurityRequest("GET", "/") : scan.requests.get(0);
            Exchange x;
            try {
                x = scan.send(r, scan.stepCredentials(), scan.stepAuth);
            } catch (IOException e) {
                if (!(e.getCause() instanceof SSLException)) {
                    throw e;
                }
                // the certificate finding explains why; HSTS cannot be read without a trusted connection
                scan.findings.add("transport", "transport.hsts", r, false, Findings.MEDIUM, r + ": no trusted TLS connection: " + innermost(e));
                x = null;
            }
            if (x != null) {
                hsts(scan, r, x, min);
            }
        }
        if (spec.httpRedirect != null) {
            plainHttp(scan, scan.ctx.render(spec.httpRedirect));
        }
    }

    private static void hsts(Scan scan, SecurityRequest r, Exchange x, long min) {
        String hsts = x.headers().first("Strict-Transport-Security");
        boolean ok = maxAge(hsts) >= min;
        scan.findings.add("transport", "transport.hsts", r, ok, Findings.MEDIUM, x.line() + ": Strict-Transport-Security: "
                + (hsts == null ? "(absent)" : hsts) + (ok ? "" : " (want max-age of at least " + min + ")"));
    }

    private static void certificate(Scan scan, SecurityChecks.Certificate spec, String host, int port, String endpoint,
                                    TlsOptions tls, Duration timeout) throws IOException {
        // what the server presents, trusted or not: the host name and expiry are read from it
        X509Certificate[] chain = handshake(Tls.TRUST_ALL, host, port, timeout);
        X509Certificate leaf = chain[0];
        TlsOptions trusting = tls == null || Boolean.TRUE.equals(tls.insecure) ? null : tls;
        Tls trust = StepTls.tls(trusting, scan.ctx);
        String chainProblem = null;
        try {
            handshake(trust, host, port, timeout);
        } catch (SSLException e) {
            chainProblem = innermost(e);
        }
        scan.findings.add("transport", "transport.certificate.chain", "https://" + endpoint, chainProblem == null, Findings.HIGH,
                "certificate of " + endpoint + " (" + leaf.getSubjectX500Principal().getName() + ", issued by "
                        + leaf.getIssuerX500Principal().getName() + "): " + (chainProblem == null ? "chain trusted"
                        : "not trusted: " + chainProblem + (trusting == null || (trusting.ca == null && trusting.caSecretRef == null)
                        ? "; for a private CA set tls.ca or tls.caSecretRef" : "")));
        boolean hostOk = matchesHost(leaf, host);
        scan.findings.add("transport", "transport.certificate.host", "https://" + endpoint, hostOk, Findings.HIGH,
                "certificate names " + names(leaf) + (hostOk ? "; " + host + " matches" : "; " + host + " does not match"));
        int minDays = spec.minDaysValid == null ? DEFAULT_MIN_DAYS : spec.minDaysValid;
        Instant notAfter = leaf.getNotAfter().toInstant();
        long daysLeft = Duration.between(Instant.now(), notAfter).toDays();
        boolean longEnough = daysLeft >= minDays;
        scan.findings.add("transport", "transport.certificate.expiry", "https://" + endpoint, longEnough, Findings.MEDIUM,
                "certificate of " + endpoint + " expires " + notAfter + ", in " + daysLeft + " days"
                        + (longEnough ? "" : " (want at least " + minDays + ")"));
    }

    /** A handshake without host name checks (those are done on the certificate itself); the peer's chain. */
    private static X509Certificate[] handshake(Tls tls, String host, int port, Duration timeout) throws IOException {
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            plain.setSoTimeout((int) timeout.toMillis());
            try (SSLSocket socket = (SSLSocket) tls.socketFactory().createSocket(plain, host, port, true)) {
                socket.startHandshake();
                Certificate[] peer = socket.getSession().getPeerCertificates();
                X509Certificate[] out = new X509Certificate[peer.length];
                for (int i = 0; i < peer.length; i++) {
                    out[i] = (X509Certificate) peer[i];
                }
                return out;
            }
        } finally {
            plain.close();
        }
    }

    static boolean matchesHost(X509Certificate cert, String host) {
        String h = host.toLowerCase(Locale.ROOT);
        boolean ip = h.matches("[0-9.]+") || h.contains(":");
        try {
            if (cert.getSubjectAlternativeNames() == null) {
                return false;
            }
            for (List<?> san : cert.getSubjectAlternativeNames()) {
                int type = (Integer) san.get(0);
                String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
                if (ip && type == 7 && sameAddress(value, h)) {
                    return true;
                }
                if (!ip && type == 2 && (value.equals(h) || wildcard(value, h))) {
                    return true;
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return false;
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean wildcard(String pattern, String host) {
        if (!pattern.startsWith("*.")) {
            return false;
        }
        int dot = host.indexOf('.');
        return dot > 0 && host.substring(dot).equals(pattern.substring(1));
    }

    private static String names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                cert.getSubjectAlternativeNames().forEach(san -> names.add(String.valueOf(san.get(1))));
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable names)");
        }
        return names.isEmpty() ? "no subject alternative name" : String.join(", ", names);
    }

    /** Plain HTTP must redirect to https or be refused, and send none of the service's data. No credentials go with it. */
    private static void plainHttp(Scan scan, String httpBase) throws IOException {
        URI uri = URI.create(httpBase);
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("security.checks.transport.httpRedirect: " + httpBase + " must be an http:// URL");
        }
        SecurityRequest r = scan.requests.isEmpty() ? new SecurityRequest("GET", "/") : scan.requests.get(0);
        SecurityRequest plain = r.method().equals("GET") ? r : new SecurityRequest("GET", r.path());
        Probe probe = new Probe(scan.ctx, httpBase, null);
        Exchange x;
        try {
            x = probe.send(plain, AppliedAuth.none(), "plain HTTP");
        } catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                scan.findings.add("transport", "transport.http", httpBase, true, Findings.MEDIUM, "plain HTTP " + httpBase + " refused");
                return;
            }
            throw e;
        }
        String location = x.headers().first("Location");
        boolean redirect = x.status() >= 300 && x.status() < 400 && location != null
                && location.trim().toLowerCase(Locale.ROOT).startsWith("https://");
        boolean data = x.body() != null && x.body().strip().length() > 0 && (x.body().trim().startsWith("{") || x.body().trim().startsWith("["));
        boolean ok = redirect && !data;
        scan.findings.add("transport", "transport.http", httpBase + plain.path(), ok, Findings.HIGH, "plain HTTP " + x.line()
                + (location == null ? "" : ", Location: " + location)
                + (ok ? "" : redirect ? " (the redirect carries data)" : " (want a redirect to https or a refused connection)"));
    }

    static long maxAge(String hsts) {
        if (hsts == null) {
            return -1;
        }
        for (String part : hsts.split(";")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("max-age=")) {
                try {
                    return Long.parseLong(p.substring(8).replace("\"", "").trim());
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static String innermost(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
