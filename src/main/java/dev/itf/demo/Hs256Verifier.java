package dev.itf.demo;

import com.fasterxml.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;

/** Checks an HS256 JWT's signature and expiry for /secure/jwt; a rejected token comes with the reason. */
final class Hs256Verifier {

    /** The verdict: the claims when valid, otherwise why not. */
    record Result(JsonNode claims, String rejection) {
    }

    private final byte[] secret;
    private final Clock clock;

    Hs256Verifier(String secret, Clock clock) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    Result verify(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return rejected("malformed token: a JWT has three dot-separated parts");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            Base64.Decoder decoder = Base64.getUrlDecoder();
            header = Reply.JSON.readTree(decoder.decode(parts[0]));
            claims = Reply.JSON.readTree(decoder.decode(parts[1]));
            signature = decoder.decode(parts[2]);
        } catch (IllegalArgumentException | java.io.IOException e) {
            return rejected("malformed token: its parts are not base64url-encoded JSON");
        }
        if (header == null || !"HS256".equals(header.path("alg").asText())) {
            return rejected("unsupported algorithm " + (header == null ? "none" : header.path("alg").asText("none")) + ": only HS256 is accepted");
        }
        if (claims == null || !claims.isObject()) {
            return rejected("malformed token: the claims are not a JSON object");
        }
        byte[] expected;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
        if (!MessageDigest.isEqual(expected, signature)) {
            return rejected("invalid signature");
        }
        if (claims.has("exp")) {
            if (!claims.get("exp").isNumber()) {
                return rejected("malformed token: exp is not a number");
            }
            long now = clock.instant().getEpochSecond();
            if (claims.get("exp").asLong() <= now) {
                return rejected("token expired at " + java.time.Instant.ofEpochSecond(claims.get("exp").asLong()));
            }
        }
        return new Result(claims, null);
    }

    private static Result rejected(String reason) {
        return new Result(null, reason);
    }
}
