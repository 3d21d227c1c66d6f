package dev.itf.demo;

import java.time.Duration;

/**
 * How the demo target is set up.
 *
 * @param port         port to listen on; 0 picks a free one
 * @param basicUser    user name accepted by /secure/basic and the OAuth2 password grant
 * @param basicPassword its password
 * @param apiKey       key accepted by /secure/apikey
 * @param jwtSecret    HS256 secret that /secure/jwt verifies tokens with
 * @param clientId     OAuth2 client id accepted by /oauth/token
 * @param clientSecret its secret
 * @param tokenTtl     lifetime of the access tokens /oauth/token issues
 */
public record DemoOptions(int port, String basicUser, String basicPassword, String apiKey, String jwtSecret,
                          String clientId, String clientSecret, Duration tokenTtl) {

    public static final int DEFAULT_PORT = 8080;

    /** The documented defaults, on the given port. */
    public static DemoOptions defaults(int port) {
        return new DemoOptions(port, "demo", "demo-pass", "demo-key", "demo-jwt-secret", "itf", "itf-secret", Duration.ofHours(1));
    }

    public DemoOptions withTokenTtl(Duration ttl) {
        return new DemoOptions(port, basicUser, basicPassword, apiKey, jwtSecret, clientId, clientSecret, ttl);
    }
}
