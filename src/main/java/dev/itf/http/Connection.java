package dev.itf.http;

import dev.itf.time.Alarms;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP/1.1 connection, used by one exchange at a time. It reads and writes on the calling thread (no hand-off to
 * a selector or executor: a request costs two system calls), every read bounded by the exchange's deadline. The
 * socket is a channel's, so interrupting the thread closes it: a watchdog can always stop an exchange.
 */
final class Connection implements Closeable {

    private static final int MAX_HEAD_LINE = 64 * 1024;
    private static final int MAX_HEAD_FIELDS = 500;

    final Origin origin;
    final Object tlsSetting;
    private final Socket socket;
    /** TLS: reads wait with a socket timeout; plain reads block and an {@link Alarms alarm} closes the connection instead. */
    private final boolean secure;
    private final InputStream in;
    private final OutputStream out;
    private byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;
    private boolean reusable;
    /** Whether any byte of a response arrived on this connection during the current exchange. */
    private boolean received;
    /** Exchanges completed on this connection. */
    int exchanges;
    long idleSince;

    private Connection(Origin origin, Object tlsSetting, Socket socket) throws IOException {
        this.origin = origin;
        this.tlsSetting = tlsSetting;
        this.socket = socket;
        this.secure = socket instanceof SSLSocket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects within the deadline; TLS when the origin is https, with tls creating the layered socket. */
    static Connection open(Origin origin, Tls tls, Duration connectTimeout, long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        long limit = Math.min(connectTimeout.toNanos(), left);
        if (limit <= 0) {
            throw new HttpTimeoutException("no time left to connect to " + origin);
        }
        InetSocketAddress address = new InetSocketAddress(origin.bareHost(), origin.port());
        if (address.isUnresolved()) {
            // a refused connection to callers, with the name lookup as its cause, so a step can say it was DNS
            ConnectException e = new ConnectException("unknown host " + origin.bareHost());
            e.initCause(new java.net.UnknownHostException(origin.bareHost()));
            throw e;
        }
        SocketChannel channel = SocketChannel.open();
        Socket plain = channel.socket();
        try {
            plain.setTcpNoDelay(true);
            try {
                plain.connect(address, (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(limit)));
            } catch (SocketTimeoutException e) {
                if (limit < connectTimeout.toNanos()) {
                    throw new HttpTimeoutException("no connection to " + origin + " before the deadline");
                }
                throw new HttpConnectTimeoutException("no connection to " + origin + " within " + seconds(connectTimeout));
            }
            if (!origin.tls()) {
                return new Connection(origin, null, plain);
            }
            SSLSocketFactory factory = tls.factory();
            SSLSocket secure = (SSLSocket) factory.createSocket(plain, origin.bareHost(), origin.port(), true);
            SSLParameters params = secure.getSSLParameters();
            if (tls.verifiesHosts()) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!isIpLiteral(origin.bareHost())) {
                params.setServerNames(List.of(new SNIHostName(origin.bareHost())));
            }
            params.setApplicationProtocols(new String[] {"http/1.1"});
            secure.setSSLParameters(params);
            secure.setSoTimeout(timeoutMillis(deadline));
            try {
                secure.startHandshake();
            } catch (SocketTimeoutException e) {
                throw new HttpTimeoutException("TLS handshake with " + origin + " did not finish before the deadline");
            }
            return new Connection(origin, tls, secure);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Sends the request and reads the whole response before the deadline. Afterwards {@link #reusable()} tells whether
     * the connection may carry another exchange.
     */
    Response exchange(Request request, long deadline) throws IOException {
        if (secure) {
            return exchangeWithin(request, deadline);
        }
        // a plain connection blocks without a socket timeout; its deadline closes it
        Alarms.Alarm alarm = Alarms.set(deadline, this::close);
        try {
            return exchangeWithin(request, deadline);
        } catch (IOException e) {
            if (alarm.rang()) {
                throw timeout();
            }
            throw e;
        } finally {
            alarm.cancel();
        }
    }

    private Response exchangeWithin(Request request, long deadline) throws IOException {
        reusable = false;
        received = false;
        writeRequest(request);
        int status;
        Headers headers;
        String version;
        while (true) {
            String statusLine = readLine(deadline);
            if (statusLine == null) {
                throw new EOFException("the server closed the connection without a response");
            }
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x response: " + cut(statusLine));
            }
            version = statusLine.substring(0, 8);
            status = parseStatus(statusLine);
            headers = readFields(deadline);
            if (status == 101) {
                throw new IOException("unexpected 101 Switching Protocols");
            }
            if (status >= 200) {
                break;
            }
            // 100 Continue, 103 Early Hints: informational, the final response follows
        }
        String connection = headers.first("Connection");
        boolean keepAlive = version.equals("HTTP/1.1")
                ? connection == null || !containsToken(connection, "close")
                : connection != null && containsToken(connection, "keep-alive");
        byte[] body;
        boolean framed = true;
        if (request.method.equals("HEAD") || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.contains("Transfer-Encoding") && containsToken(String.join(",", headers.all("Transfer-Encoding")), "chunked")) {
            body = readChunked(deadline);
        } else if (headers.contains("Content-Length")) {
            long length;
            try {
                length = Long.parseLong(headers.first("Content-Length").trim());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length: " + cut(headers.first("Content-Length")));
            }
            if (length < 0 || length > Integer.MAX_VALUE - 16) {
                throw new IOException("unsupported Content-Length: " + length);
            }
            body = readExactly((int) length, deadline);
        } else {
            body = readToEnd(deadline);
            framed = false;
        }
        reusable = keepAlive && framed && pos == lim;
        exchanges++;
        return new Response(status, headers, body, request.uri);
    }

    boolean reusable() {
        return reusable;
    }

    /** Whether the current exchange got any byte of a response: if not, a reused connection was likely closed by the server. */
    boolean received() {
        return received;
    }

    boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a dead connection can fail; it is gone either way
        }
    }

    private void writeRequest(Request r) throws IOException {
        // one write, one packet for a small request
        out.write(r.bytes());
        out.flush();
    }

    private Headers readFields(long deadline) throws IOException {
        Headers headers = new Headers();
        while (true) {
            String line = readLine(deadline);
            if (line == null) {
                throw new EOFException("the server closed the connection in the middle of the response headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (headers.size() >= MAX_HEAD_FIELDS) {
                throw new IOException("more than " + MAX_HEAD_FIELDS + " response header fields");
            }
            int colon = line.indexOf(':');
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && headers.size() > 0) {
                // an obsolete folded line continues the previous field
                int last = headers.size() - 1;
                Headers refolded = new Headers();
                for (int i = 0; i < last; i++) {
                    refolded.addReceived(headers.name(i), headers.value(i));
                }
                refolded.addReceived(headers.name(last), headers.value(last) + " " + line.trim());
                headers = refolded;
                continue;
            }
            if (colon <= 0) {
                throw new IOException("bad response header line: " + cut(line));
            }
            headers.addReceived(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
    }

    private byte[] readChunked(long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(deadline);
            if (sizeLine == null) {
                throw new EOFException("the server closed the connection in the middle of a chunked body");
            }
            int semi = sizeLine.indexOf(';');
            String hex = (semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size: " + cut(sizeLine));
            }
            if (size < 0) {
                throw new IOException("bad chunk size: " + cut(sizeLine));
            }
            if (size == 0) {
                readFields(deadline); // trailer fields, if any
                return body.toByteArray();
            }
            body.write(readExactly(size, deadline));
            String end = readLine(deadline);
            if (end == null || !end.isEmpty()) {
                throw new IOException("a chunk does not end with CRLF");
            }
        }
    }

    private byte[] readExactly(int length, long deadline) throws IOException {
        byte[] body = new byte[length];
        int have = Math.min(length, lim - pos);
        System.arraycopy(buf, pos, body, 0, have);
        pos += have;
        while (have < length) {
            arm(deadline);
            int n;
            try {
                n = in.read(body, have, length - have);
            } catch (SocketTimeoutException e) {
                throw timeout();
            }
            if (n < 0) {
                throw new EOFException("the server closed the connection after " + have + " of " + length + " body bytes");
            }
            have += n;
        }
        return body;
    }

    private byte[] readToEnd(long deadline) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(buf, pos, lim - pos);
        pos = lim;
        byte[] chunk = new byte[16 * 1024];
        while (true) {
            arm(deadline);
            int n;
            try {
                n = in.read(chunk);
            } catch (SocketTimeoutException e) {
                throw timeout();
            }
            if (n < 0) {
                return body.toByteArray();
            }
            body.write(chunk, 0, n);
        }
    }

    /** A line without its CRLF (or LF), in ISO-8859-1; null at the end of the stream before any byte of a line. */
    private String readLine(long deadline) throws IOException {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < lim; i++) {
                if (buf[i] == '\n') {
                    int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                    String line = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 1;
                    return line;
                }
            }
            int lineSoFar = lim - pos;
            if (lineSoFar >= MAX_HEAD_LINE) {
                throw new IOException("a response header line is longer than " + MAX_HEAD_LINE + " bytes");
            }
            if (!fill(deadline)) {
                if (lim > pos) {
                    throw new EOFException("the server closed the connection in the middle of a line");
                }
                return null;
            }
            scanned = pos + lineSoFar; // fill may have moved the line to the start of the buffer
        }
    }

    /** Reads more bytes into the buffer (compacting or growing it); false at the end of the stream. */
    private boolean fill(long deadline) throws IOException {
        if (pos > 0 && pos == lim) {
            pos = 0;
            lim = 0;
        } else if (lim == buf.length) {
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            } else {
                byte[] bigger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, bigger, 0, lim);
                buf = bigger;
            }
        }
        arm(deadline);
        int n;
        try {
            n = in.read(buf, lim, buf.length - lim);
        } catch (SocketTimeoutException e) {
            throw timeout();
        }
        if (n < 0) {
            return false;
        }
        received = true;
        lim += n;
        return true;
    }

    /** Before a read: a TLS socket gets the time left as its timeout; a plain one only checks that time is left. */
    private void arm(long deadline) throws IOException {
        if (secure) {
            socket.setSoTimeout(timeoutMillis(deadline));
        } else if (deadline - System.nanoTime() <= 0) {
            throw timeout();
        }
    }

    private static int timeoutMillis(long deadline) throws HttpTimeoutException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new HttpTimeoutException("no response before the deadline");
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left) + 1));
    }

    private HttpTimeoutException timeout() {
        return new HttpTimeoutException("no response from " + origin + " before the deadline");
    }

    private static int parseStatus(String statusLine) throws IOException {
        int code = 0;
        for (int i = 9; i < 12; i++) {
            char c = statusLine.charAt(i);
            if (c < '0' || c > '9') {
                throw new IOException("bad status line: " + cut(statusLine));
            }
            code = code * 10 + (c - '0');
        }
        if (statusLine.length() > 12 && statusLine.charAt(12) != ' ') {
            throw new IOException("bad status line: " + cut(statusLine));
        }
        return code;
    }

    /** Whether a comma-separated header value holds the token, ignoring case and blanks around items. */
    private static boolean containsToken(String list, String token) {
        int n = list.length();
        int i = 0;
        while (i < n) {
            int end = list.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            int a = i;
            int b = end;
            while (a < b && list.charAt(a) <= ' ') {
                a++;
            }
            while (b > a && list.charAt(b - 1) <= ' ') {
                b--;
            }
            if (b - a == token.length() && list.regionMatches(true, a, token, 0, token.length())) {
                return true;
            }
            i = end + 1;
        }
        return false;
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String cut(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }
}
