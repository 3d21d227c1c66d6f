package dev.itf.demo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * A private CA made with the JDK alone (RSA keys, SHA-256 signatures, certificates written in DER here): the demo
 * target's HTTPS listener and the TLS tests use it. Not for production: the keys live in memory only.
 */
public final class CertificateAuthority {

    private static final byte[] SHA256_WITH_RSA = oid(1, 2, 840, 113549, 1, 1, 11);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final KeyPair keys;
    private final X509Certificate certificate;

    /** A server certificate and its key, issued by this CA. */
    public record Issued(X509Certificate certificate, PrivateKey key, X509Certificate ca) {
        /** A PKCS#12 key store holding the key with the chain (certificate, CA), for a JDK or Vert.x server. */
        public KeyStore keyStore(char[] password) throws GeneralSecurityException {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry("server", key, password, new X509Certificate[] {certificate, ca});
                return store;
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
        }
    }

    private CertificateAuthority(String name, KeyPair keys, X509Certificate certificate) {
        this.name = name;
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A self-signed CA valid from now for the given days. */
    public static CertificateAuthority create(String commonName, int days) throws GeneralSecurityException {
        KeyPair keys = rsa();
        Instant now = Instant.now();
        byte[] extensions = seq(
                extension(oid(2, 5, 29, 19), true, seq(bool(true))),
                extension(oid(2, 5, 29, 15), true, new byte[] {0x03, 0x02, 0x01, 0x06}));
        X509Certificate cert = sign(commonName, commonName, keys.getPublic().getEncoded(), now.minusSeconds(300),
                now.plusSeconds(days * 86_400L), extensions, keys.getPrivate());
        return new CertificateAuthority(commonName, keys, cert);
    }

    /** A server certificate for these DNS names and IP addresses, valid from notBefore to notAfter. */
    public Issued issue(String commonName, List<String> hosts, Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        KeyPair server = rsa();
        ByteArrayOutputStream names = new ByteArrayOutputStream();
        for (String h : hosts) {
            if (h.matches("[0-9.]+") || h.contains(":")) {
                try {
                    names.writeBytes(tlv(0x87, InetAddress.getByName(h).getAddress()));
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("not an IP address: " + h);
                }
            } else {
                names.writeBytes(tlv(0x82, h.getBytes(StandardCharsets.US_ASCII)));
            }
        }
        byte[] extensions = seq(
                extension(oid(2, 5, 29, 19), true, seq()),
                extension(oid(2, 5, 29, 15), true, new byte[] {0x03, 0x02, 0x05, (byte) 0xa0}),
                extension(oid(2, 5, 29, 37), false, seq(oid(1, 3, 6, 1, 5, 5, 7, 3, 1))),
                extension(oid(2, 5, 29, 17), false, tlv(0x30, names.toByteArray())));
        X509Certificate cert = sign(name, commonName, server.getPublic().getEncoded(), notBefore, notAfter, extensions, keys.getPrivate());
        return new Issued(cert, server.getPrivate(), certificate);
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The CA certificate as PEM, what a client is given to trust. */
    public String pem() {
        return pem(certificate);
    }

    public static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static X509Certificate sign(String issuer, String subject, byte[] publicKeyInfo, Instant notBefore, Instant notAfter,
                                        byte[] extensions, PrivateKey signer) throws GeneralSecurityException {
        byte[] algorithm = seq(SHA256_WITH_RSA, new byte[] {0x05, 0x00});
        byte[] tbs = seq(
                tlv(0xa0, integer(BigInteger.TWO)),
                integer(new BigInteger(63, RANDOM).add(BigInteger.ONE)),
                algorithm,
                name(issuer),
                seq(time(notBefore), time(notAfter)),
                name(subject),
                publicKeyInfo,
                tlv(0xa3, extensions));
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(signer);
        s.update(tbs);
        byte[] signature = s.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(oid(2, 5, 4, 3), tlv(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(Instant t) {
        var utc = t.atOffset(ZoneOffset.UTC);
        if (utc.getYear() < 2050) {
            return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(utc).getBytes(StandardCharsets.US_ASCII));
        }
        return tlv(0x18, DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
        return critical ? seq(oid, bool(true), tlv(0x04, value)) : seq(oid, tlv(0x04, value));
    }

    private static byte[] bool(boolean b) {
        return new byte[] {0x01, 0x01, (byte) (b ? 0xff : 0x00)};
    }

    private static byte[] integer(BigInteger v) {
        return tlv(0x02, v.toByteArray());
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int v = arcs[i];
            byte[] tmp = new byte[5];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7f);
                v >>>= 7;
            } while (v != 0);
            for (int j = n - 1; j >= 0; j--) {
                out.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write((len >> 8) & 0xff);
            out.write(len & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
