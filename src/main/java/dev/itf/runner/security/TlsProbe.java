package dev.itf.runner.security;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;

/**
 * Asks a server whether it accepts an old TLS protocol by sending a ClientHello of that version, written here, and
 * reading the first record of the answer: a ServerHello names the version the server chose, an alert or a closed
 * connection is a refusal. The JDK's own TLS stack is not used, so its disabled protocols (TLSv1 and TLSv1.1 by
 * default) neither hide a weak server nor have to be weakened for the rest of the process.
 */
final class TlsProbe {

    static final Map<String, Integer> VERSIONS = Map.of("TLSv1", 0x0301, "TLSv1.1", 0x0302, "TLSv1.2", 0x0303, "TLSv1.3", 0x0304);
    private static final Map<Integer, String> ALERTS = Map.of(40, "handshake_failure", 70, "protocol_version",
            71, "insufficient_security", 80, "internal_error", 47, "illegal_parameter", 50, "decode_error");
    /** ECDHE and RSA suites with AES-CBC, the ones TLS 1.0 and 1.1 servers offer, and the renegotiation SCSV. */
    private static final int[] OLD_SUITES = {0xc013, 0xc014, 0xc009, 0xc00a, 0x0033, 0x0039, 0x002f, 0x0035, 0x000a, 0x00ff};
    /** TLS 1.2 adds GCM, ChaCha20 and SHA-256 suites. */
    private static final int[] TLS12_SUITES = {0xc02f, 0xc030, 0xc02b, 0xc02c, 0xcca8, 0xcca9, 0x009e, 0x009f, 0x009c, 0x009d,
            0xc027, 0xc028, 0xc023, 0xc024, 0x003c, 0x003d};
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the server answered a ClientHello of one version. */
    record Answer(boolean accepted, String detail) {
    }

    private TlsProbe() {
    }

    static String name(int version) {
        return VERSIONS.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).findFirst()
                .orElse(String.format("0x%04x", version));
    }

    static Answer offer(String host, int port, String protocol, Duration timeout) throws IOException {
        int version = VERSIONS.get(protocol);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            OutputStream out = socket.getOutputStream();
            out.write(clientHello(host, version));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            int type;
            try {
                type = in.readUnsignedByte();
            } catch (EOFException e) {
                return new Answer(false, "the server closed the connection");
            }
            in.readUnsignedShort();
            int length = in.readUnsignedShort();
            byte[] body = new byte[Math.min(length, 1 << 14)];
            in.readFully(body);
            if (type == 0x15 && body.length >= 2) {
                int description = body[1] & 0xff;
                return new Answer(false, "alert " + ALERTS.getOrDefault(description, Integer.toString(description)));
            }
            if (type == 0x16 && body.length >= 6 && body[0] == 0x02) {
                int chosen = ((body[4] & 0xff) << 8) | (body[5] & 0xff);
                return new Answer(chosen <= version, "ServerHello with " + name(chosen));
            }
            return new Answer(false, "an answer that is no ServerHello (record type " + type + ")");
        } catch (SocketTimeoutException e) {
            return new Answer(false, "no answer within " + timeout.toMillis() + " ms");
        } catch (java.net.ConnectException e) {
            throw e;
        } catch (java.net.SocketException | EOFException e) {
            // a reset after the ClientHello is how many servers refuse a protocol
            return new Answer(false, "the server closed the connection");
        }
    }

    static byte[] clientHello(String host, int version) {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        u16(hello, version);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        hello.writeBytes(random);
        hello.write(0);
        int[] suites = version >= 0x0303 ? concat(TLS12_SUITES, OLD_SUITES) : OLD_SUITES;
        u16(hello, suites.length * 2);
        for (int s : suites) {
            u16(hello, s);
        }
        hello.write(1);
        hello.write(0);
        ByteArrayOutputStream ext = new ByteArrayOutputStream();
        if (!isIpLiteral(host)) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            u16(ext, 0x0000);
            u16(ext, name.length + 5);
            u16(ext, name.length + 3);
            ext.write(0);
            u16(ext, name.length);
            ext.writeBytes(name);
        }
        u16(ext, 0x000a);
        u16(ext, 8);
        u16(ext, 6);
        u16(ext, 0x001d);
        u16(ext, 0x0017);
        u16(ext, 0x0018);
        u16(ext, 0x000b);
        u16(ext, 2);
        ext.write(1);
        ext.write(0);
        if (version >= 0x0303) {
            int[] algorithms = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601, 0x0203, 0x0201};
            u16(ext, 0x000d);
            u16(ext, algorithms.length * 2 + 2);
            u16(ext, algorithms.length * 2);
            for (int a : algorithms) {
                u16(ext, a);
            }
        }
        u16(hello, ext.size());
        hello.writeBytes(ext.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16);
        u16(record, 0x0301);
        u16(record, hello.size() + 4);
        record.write(0x01);
        record.write((hello.size() >> 16) & 0xff);
        u16(record, hello.size() & 0xffff);
        record.writeBytes(hello.toByteArray());
        return record.toByteArray();
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void u16(ByteArrayOutputStream out, int v) {
        out.write((v >> 8) & 0xff);
        out.write(v & 0xff);
    }
}
