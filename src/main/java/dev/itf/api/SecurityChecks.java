package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.List;

/** The checks of a security step; each one set runs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecurityChecks {
    /** The check kinds, as findings and compliance mappings name them. */
    public static final List<String> KINDS = List.of("authentication", "authorization", "transport", "headers", "cookies", "cors",
            "dataExposure", "rateLimit");
    /** The built-in invalid variants of a valid auth profile. */
    public static final List<String> INVALID_VARIANTS = List.of("none", "malformed", "expired", "unsigned", "wrongKey");
    /** Kinds of sensitive data dataExposure looks for. */
    public static final List<String> DATA_KINDS = List.of("email", "creditCard", "ssn", "iban", "jwt", "privateKey", "password", "stackTrace");

    @JsonPropertyDescription("Every request must be refused (401) with each invalid credential and accepted (neither 401 nor 403) with the valid one.")
    public Authentication authentication;

    @JsonPropertyDescription("Rows of a request and the auth profiles allowed (2xx) and denied (403 or 404, none of the allowed response's data).")
    public List<AuthorizationRule> authorization;

    @JsonPropertyDescription("TLS of baseUrl (which must be https): protocol floor, certificate, HSTS and plain-HTTP behaviour.")
    public Transport transport;

    @Pattern("^owasp$")
    @JsonPropertyDescription("Response headers to require on every response: owasp (X-Content-Type-Options, Cache-Control no-store when authenticated, CSP frame-ancestors or X-Frame-Options, Referrer-Policy, no version in Server, no X-Powered-By).")
    public String headers;

    @JsonPropertyDescription("Attributes every Set-Cookie must carry.")
    public Cookies cookies;

    @JsonPropertyDescription("CORS: a foreign Origin is never allowed with credentials.")
    public Cors cors;

    @JsonPropertyDescription("Kinds of sensitive data never to appear in responses: email, creditCard, ssn, iban, jwt, privateKey, password, stackTrace.")
    public List<String> dataExposure;

    @JsonPropertyDescription("A burst of requests must be answered 429 before it ends.")
    public RateLimit rateLimit;

    /** The kinds this object sets, in the order of {@link #KINDS}. */
    @JsonIgnore
    public List<String> kinds() {
        List<String> set = new ArrayList<>();
        if (authentication != null) set.add("authentication");
        if (authorization != null) set.add("authorization");
        if (transport != null) set.add("transport");
        if (headers != null) set.add("headers");
        if (cookies != null) set.add("cookies");
        if (cors != null) set.add("cors");
        if (dataExposure != null) set.add("dataExposure");
        if (rateLimit != null) set.add("rateLimit");
        return set;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Authentication {
        @Required
        @JsonPropertyDescription("The auth profile that must be accepted.")
        public String valid;

        @JsonPropertyDescription("Credentials that must be refused: none, malformed, expired, unsigned (alg none), wrongKey (variants of valid; expired needs a jwt profile, unsigned and wrongKey a token that is a JWT), or names of other auth profiles. Default: none, malformed.")
        public List<String> invalid = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class AuthorizationRule {
        @Required
        @JsonPropertyDescription("METHOD PATH, e.g. GET /api/v1/orders/${bobOrder}; templates allowed.")
        public String request;

        @JsonPropertyDescription("Auth profiles that must get a 2xx.")
        public List<String> allow = new ArrayList<>();

        @JsonPropertyDescription("Auth profiles that must get 403 or 404 and none of the allowed response's data; sent before the allowed ones.")
        public List<String> deny = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Transport {
        @Pattern("^TLSv1(\\.[123])?$")
        @JsonPropertyDescription("Oldest protocol allowed: TLSv1.2 or TLSv1.3 (TLSv1, TLSv1.1 accepted); a handshake with any older protocol must fail.")
        public String minVersion;

        @JsonPropertyDescription("The certificate: chain trusted, host name matches, not expiring within minDaysValid days.")
        public Certificate certificate;

        @JsonPropertyDescription("Strict-Transport-Security with at least this max-age.")
        public Hsts hsts;

        @JsonPropertyDescription("A plain http:// URL of the same service: it must redirect to https or refuse, and send no data.")
        public String httpRedirect;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Certificate {
        @JsonPropertyDescription("Days the certificate must stay valid at least (default 14).")
        public Integer minDaysValid;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Hsts {
        @JsonPropertyDescription("Smallest max-age accepted, in seconds (default 31536000, a year).")
        public Long minMaxAge;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Cookies {
        @JsonPropertyDescription("Every cookie carries Secure.")
        public Boolean secure;
        @JsonPropertyDescription("Every cookie carries HttpOnly.")
        public Boolean httpOnly;
        @JsonPropertyDescription("Every cookie carries SameSite=Lax or Strict.")
        public Boolean sameSite;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Cors {
        @JsonPropertyDescription("Origins the service may allow; any other is foreign.")
        public List<String> allowedOrigins = new ArrayList<>();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RateLimit {
        @Required
        @JsonPropertyDescription("METHOD PATH of the request to repeat, e.g. POST /oauth/token.")
        public String request;
        @Required
        @JsonPropertyDescription("How many requests the burst sends at most.")
        public Integer burst;
        @Pattern(Itf.DURATION_PATTERN)
        @JsonPropertyDescription("The time the burst is sent in, e.g. 5s (default 10s); a 429 must come before the burst ends.")
        public String within;
        @JsonPropertyDescription("Auth profile the burst is sent with (default the step's).")
        public String auth;
    }
}
