package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.List;

/** A named way to authenticate: exactly one of basic, apiKey, bearer, oauth2, jwt. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AuthProfile {
    @JsonPropertyDescription("HTTP basic auth; the Secret holds keys username and password.")
    public Basic basic;
    @JsonPropertyDescription("An API key in a header or a query parameter.")
    public ApiKey apiKey;
    @JsonPropertyDescription("A bearer token, inline or from a Secret.")
    public Bearer bearer;
    @JsonPropertyDescription("An OAuth2 access token fetched from tokenUrl (client_credentials or password grant), reused until it expires.")
    public OAuth2 oauth2;
    @JsonPropertyDescription("A JWT minted by ITF (HS256 or RS256) with the given claims, sent as a bearer token.")
    public Jwt jwt;

    /** The names of the schemes this profile sets; a valid profile sets exactly one. */
    @JsonIgnore
    public List<String> schemes() {
        List<String> set = new ArrayList<>();
        if (basic != null) set.add("basic");
        if (apiKey != null) set.add("apiKey");
        if (bearer != null) set.add("bearer");
        if (oauth2 != null) set.add("oauth2");
        if (jwt != null) set.add("jwt");
        return set;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Basic {
        @JsonPropertyDescription("Secret with keys username and password.")
        public SecretKeyRef secretRef;
        @JsonPropertyDescription("Inline user name (for local runs); secretRef wins.")
        public String username;
        @JsonPropertyDescription("Inline password (for local runs); prefer secretRef.")
        public String password;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ApiKey {
        @Pattern("^(header|query)$")
        @JsonPropertyDescription("Where the key goes: header (default) or query.")
        public String in;
        @Required
        @JsonPropertyDescription("Header or query parameter name, e.g. X-API-Key.")
        public String name;
        @JsonPropertyDescription("Secret key that holds the API key (default key: key).")
        public SecretKeyRef secretRef;
        @JsonPropertyDescription("Inline API key (for local runs).")
        public String value;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Bearer {
        @JsonPropertyDescription("Inline token.")
        public String token;
        @JsonPropertyDescription("Secret key that holds the token (default key: token).")
        public SecretKeyRef secretRef;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class OAuth2 {
        @Required
        @JsonPropertyDescription("Token endpoint URL; templates allowed.")
        public String tokenUrl;
        @Pattern("^(client_credentials|password)$")
        @JsonPropertyDescription("Grant type: client_credentials (default) or password.")
        public String grant;
        @Required
        @JsonPropertyDescription("OAuth2 client id.")
        public String clientId;
        @JsonPropertyDescription("Secret key that holds the client secret (default key: clientSecret).")
        public SecretKeyRef clientSecretRef;
        @JsonPropertyDescription("Inline client secret (for local runs).")
        public String clientSecret;
        @JsonPropertyDescription("Password grant: the user name.")
        public String username;
        @JsonPropertyDescription("Password grant: Secret key that holds the password (default key: password).")
        public SecretKeyRef passwordRef;
        @JsonPropertyDescription("Password grant: inline password (for local runs).")
        public String password;
        @JsonPropertyDescription("Scopes requested.")
        public List<String> scopes = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Jwt {
        @Pattern("^(HS256|RS256)$")
        @JsonPropertyDescription("Signing algorithm: HS256 (shared secret) or RS256 (PEM PKCS#8 private key).")
        public String algorithm;
        @JsonPropertyDescription("Secret key that holds the HMAC secret or the PEM private key (default key: key).")
        public SecretKeyRef secretRef;
        @JsonPropertyDescription("Inline HMAC secret or PEM private key (for local runs).")
        public String key;
        @PreserveUnknownFields
        @JsonPropertyDescription("Claims of the token; iat and exp are added unless given.")
        public JsonNode claims;
        @Pattern("^-?([0-9]+(\\.[0-9]+)?(ms|s|m|h))+$")
        @JsonPropertyDescription("Lifetime of the token, e.g. 5m; a negative value (-1m) mints an already expired token.")
        public String expiresIn;
        @JsonPropertyDescription("Key id put in the token header.")
        public String kid;
    }
}
