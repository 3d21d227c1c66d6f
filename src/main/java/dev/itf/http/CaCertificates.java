package dev.itf.http;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** CA certificates given as PEM text (one or more -----BEGIN CERTIFICATE----- blocks). */
public final class CaCertificates {

    private CaCertificates() {
    }

    /** The certificates of the PEM text; an error saying what is wrong when it holds none or cannot be read. */
    public static List<X509Certificate> parse(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException("the CA is not PEM: expected -----BEGIN CERTIFICATE----- blocks");
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("the CA PEM holds no certificate");
            }
            return out;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("the CA PEM cannot be read: " + e.getMessage());
        }
    }
}
