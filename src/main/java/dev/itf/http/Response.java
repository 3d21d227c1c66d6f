package dev.itf.http;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A whole HTTP response: status, header fields as received, the body.
 *
 * @param uri the URI that answered (after redirects)
 */
public record Response(int status, Headers headers, byte[] body, URI uri) {

    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([^\";]+)");

    /** The body as text, in the charset of its Content-Type (UTF-8 when none or unknown). */
    public String text() {
        return new String(body, charset());
    }

    public Charset charset() {
        return charset(headers.first("Content-Type"));
    }

    /** The charset a Content-Type names (UTF-8 when none, null or unknown). */
    public static Charset charset(String type) {
        // most types name no parameter at all: no pattern to run
        if (type == null || type.indexOf('=') < 0) {
            return StandardCharsets.UTF_8;
        }
        Matcher m = CHARSET.matcher(type);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1).trim());
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }
}
