package dev.itf.runner.auth;

import dev.itf.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.itf.api.AuthProfile;
import dev.itf.runner.StepContext;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JWT minted by ITF, HS256 (HMAC-SHA256 over the secret's bytes) or RS256 (a PKCS#8 PEM private key), sent as a
 * bearer token. iat and exp are added unless the claims give them; a negative expiresIn mints an expired token on
 * purpose. A minted token is reused until half its lifetime has passed, then minted again.
 */
final class JwtAuth implements AuthScheme {

    static final Duration DEFAULT_EXPIRES_IN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = Json.MAPPER;
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private final String profile;
    private final AuthProfile.Jwt spec;
    private final boolean rsa;
    private final Duration expiresIn;
    private final Credential key;
    private final Clock clock;
    private final Map<String, Minted> minted = new ConcurrentHashMap<>();

    private record Minted(String token, Instant renewAt) {
    }

    JwtAuth(String profile, AuthProfile.Jwt spec, Clock clock) {
        String alg = spec.algorithm == null ? "HS256" : spec.algorithm;
        if (!alg.equals("HS256") && !alg.equals("RS256")) {
            throw new IllegalArgumentException("auth profile " + profile + ": jwt.algorithm must be HS256 or RS256, not " + alg);
        }
        if (spec.claims != null && !spec.claims.isObject()) {
            throw new IllegalArgumentException("auth profile " + profile + ": jwt.claims must be a map of claim names to values");
        }
        this.profile = profile;
        this.spec = spec;
        this.rsa = alg.equals("RS256");
        this.expiresIn = spec.expiresIn == null ? DEFAULT_EXPIRES_IN : parseDuration(profile, spec.expiresIn);
        this.key = new Credential("jwt.key", spec.secretRef, "key", spec.key);
        this.clock = clock;
    }

    @Override
    public void apply(AuthTarget target, StepContext ctx) throws Exception {
        target.header("Authorization", "Bearer " + token(ctx));
    }

    private String token(StepContext ctx) throws GeneralSecurityException {
        String keyValue = key.value(profile, ctx);
        JsonNode claims = spec.claims == null ? JSON.createObjectNode() : ctx.render(spec.claims);
        String cacheKey = claims.toString();
        Instant now = clock.instant();
        Minted current = minted.get(cacheKey);
        if (current != null && now.isBefore(current.renewAt())) {
            return current.token();
        }
        String token = mint((ObjectNode) claims.deepCopy(), keyValue, spec.kid == null ? null : ctx.render(spec.kid), now);
        ctx.redactor().register(token);
        Instant renewAt = expiresIn.isNegative() || expiresIn.isZero() ? Instant.MAX : now.plus(expiresIn.dividedBy(2));
        minted.put(cacheKey, new Minted(token, renewAt));
        ctx.log("auth " + profile + ": minted a " + (rsa ? "RS256" : "HS256") + " jwt that expires in " + expiresIn.toSeconds() + "s");
        return token;
    }

    /** A token of this profile's claims, signed with its key, that expired an hour ago. */
    String expired(StepContext ctx) throws GeneralSecurityException {
        String keyValue = key.value(profile, ctx);
        ObjectNode claims = spec.claims == null ? JSON.createObjectNode() : (ObjectNode) ctx.render(spec.claims).deepCopy();
        Instant now = clock.instant();
        claims.put("iat", now.minus(Duration.ofHours(2)).getEpochSecond());
        claims.put("exp", now.minus(Duration.ofHours(1)).getEpochSecond());
        String token = mint(claims, keyValue, spec.kid == null ? null : ctx.render(spec.kid), now);
        ctx.redactor().register(token);
        return token;
    }

    private String mint(ObjectNode claims, String keyValue, String kid, Instant now) throws GeneralSecurityException {
        ObjectNode header = JSON.createObjectNode().put("alg", rsa ? "RS256" : "HS256").put("typ", "JWT");
        if (kid != null && !kid.isBlank()) {
            header.put("kid", kid);
        }
        if (!claims.has("iat")) {
            claims.put("iat", now.getEpochSecond());
        }
        if (!claims.has("exp")) {
            claims.put("exp", now.plus(expiresIn).getEpochSecond());
        }
        String signingInput = encode(header.toString()) + "." + encode(claims.toString());
        byte[] input = signingInput.getBytes(StandardCharsets.US_ASCII);
        return signingInput + "." + B64URL.encodeToString(rsa ? signRsa(input, keyValue) : signHmac(input, keyValue));
    }

    private static byte[] signHmac(byte[] input, String secret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(input);
    }

    private byte[] signRsa(byte[] input, String pem) throws GeneralSecurityException {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(privateKey(pem));
        signature.update(input);
        return signature.sign();
    }

    private PrivateKey privateKey(String pem) throws GeneralSecurityException {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("auth profile " + profile + ": the RS256 key is a PKCS#1 key; convert it to PKCS#8"
                    + " with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
        }
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new IllegalArgumentException("auth profile " + profile
                    + ": the RS256 key must be a PEM PKCS#8 private key (-----BEGIN PRIVATE KEY-----)");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("auth profile " + profile + ": the RS256 key is not a valid PKCS#8 RSA private key");
        }
    }

    private static String encode(String json) {
        return B64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Parses 5m, 1h30m, 1.5s, 500ms, and a leading minus for a lifetime in the past. */
    static Duration parseDuration(String profile, String text) {
        String s = text.trim();
        boolean negative = s.startsWith("-");
        String body = negative ? s.substring(1) : s;
        Matcher m = DURATION_PART.matcher(body);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            double amount = Double.parseDouble(m.group(1));
            long millis = switch (m.group(2)) {
                case "ms" -> 1;
                case "s" -> 1_000;
                case "m" -> 60_000;
                default -> 3_600_000;
            };
            total = total.plusMillis(Math.round(amount * millis));
            end = m.end();
        }
        if (end == 0 || end != body.length()) {
            throw new IllegalArgumentException("auth profile " + profile + ": jwt.expiresIn " + text
                    + " is not a duration; write e.g. 5m, 1h30m, 90s or -1m");
        }
        return negative ? total.negated() : total;
    }
}
