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
        String type = headers.first("Content-Type");
        if (type == null) {
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
