package dev.itf.runner.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.json.Json;
import dev.itf.runner.Redactor;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Invalid variants of a valid credential, for the authentication check: malformed (the credential's shape broken),
 * unsigned (the JWT's header says alg none, no signature) and wrongKey (the same claims signed with a key nobody
 * holds). Every forged value is registered with the redactor before it is used, like a real credential.
 */
final class ForgedCredentials {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODE = Base64.getUrlDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private ForgedCredentials() {
    }

    /** The valid credential with every value's shape broken: a bearer token no server can parse, basic text that is not base64. */
    static AppliedAuth malformed(AppliedAuth valid, Redactor redactor) {
        Map<String, String> headers = new LinkedHashMap<>();
        valid.headers().forEach((name, value) -> {
            int space = value.indexOf(' ');
            String scheme = name.equalsIgnoreCase("Authorization") && space > 0 ? value.substring(0, space + 1) : "";
            String forged = scheme + (scheme.equalsIgnoreCase("Basic ") ? "%%not-base64%%" + random(6) : "malformed." + random(12));
            redactor.register(forged.substring(scheme.length()));
            headers.put(name, forged);
        });
        Map<String, String> query = new LinkedHashMap<>();
        valid.query().forEach((name, value) -> {
            String forged = "malformed-" + random(12);
            redactor.register(forged);
            query.put(name, forged);
        });
        return new AppliedAuth(headers, query);
    }

    /** The valid JWT with alg none and no signature. */
    static AppliedAuth unsigned(AppliedAuth valid, String profile, Redactor redactor) {
        String[] parts = jwtParts(valid, profile, "unsigned");
        ObjectNode header = header(parts, profile);
        header.put("alg", "none");
        return bearer(encode(header.toString()) + "." + parts[1] + ".", redactor);
    }

    /** The valid JWT's header and claims signed with a fresh key of the same algorithm. */
    static AppliedAuth wrongKey(AppliedAuth valid, String profile, Redactor redactor) throws GeneralSecurityException {
        String[] parts = jwtParts(valid, profile, "wrongKey");
        String alg = header(parts, profile).path("alg").asText("HS256");
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        byte[] signature;
        if (alg.startsWith("RS")) {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            Signature s = Signature.getInstance("SHA" + alg.substring(2) + "withRSA");
            s.initSign(generator.generateKeyPair().getPrivate());
            s.update(input);
            signature = s.sign();
        } else {
            String macAlg = "HmacSHA" + (alg.startsWith("HS") ? alg.substring(2) : "256");
            Mac mac = Mac.getInstance(macAlg);
            byte[] key = new byte[32];
            RANDOM.nextBytes(key);
            mac.init(new SecretKeySpec(key, macAlg));
            signature = mac.doFinal(input);
        }
        return bearer(parts[0] + "." + parts[1] + "." + B64URL.encodeToString(signature), redactor);
    }

    static AppliedAuth bearer(String token, Redactor redactor) {
        redactor.register(token);
        return new AppliedAuth(Map.of("Authorization", "Bearer " + token), Map.of());
    }

    private static String[] jwtParts(AppliedAuth valid, String profile, String variant) {
        String authorization = valid.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("Authorization"))
                .map(Map.Entry::getValue).findFirst().orElse("");
        String token = authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? authorization.substring(7).trim() : "";
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || header(parts, null) == null) {
            throw new IllegalArgumentException("authentication.invalid: " + variant + " forges a JWT, and auth profile " + profile
                    + " does not send a JWT bearer token");
        }
        return parts;
    }

    private static ObjectNode header(String[] parts, String profile) {
        try {
            JsonNode header = Json.MAPPER.readTree(B64URL_DECODE.decode(parts[0]));
            return header instanceof ObjectNode o ? o : null;
        } catch (Exception e) {
            if (profile == null) {
                return null;
            }
            throw new IllegalArgumentException("auth profile " + profile + ": the token's header is not JSON");
        }
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return B64URL.encodeToString(b);
    }
}
