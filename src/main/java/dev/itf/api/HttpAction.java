package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpAction {
    @Default("GET")
    @JsonPropertyDescription("HTTP method: GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS.")
    public HttpMethod method;

    @Required
    @JsonPropertyDescription("Absolute URL; templates allowed, e.g. ${baseUrl}/api/v1/orders.")
    public String url;

    @JsonPropertyDescription("Query parameters added to the URL.")
    public Map<String, String> query = new LinkedHashMap<>();

    @JsonPropertyDescription("Request headers; they override spec.defaults.headers.")
    public Map<String, String> headers = new LinkedHashMap<>();

    @PreserveUnknownFields
    @JsonPropertyDescription("Request body: an object or array is sent as JSON, a string as it is.")
    public JsonNode body;

    @JsonPropertyDescription("Form fields, sent as application/x-www-form-urlencoded; exclusive with body.")
    public Map<String, String> form;

    @JsonPropertyDescription("Name of an auth profile of spec.auth, or none.")
    public String auth;

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Timeout of this request, e.g. 5s; the case timeout bounds it.")
    public String timeout;

    @JsonPropertyDescription("Follow redirects (default true).")
    public Boolean followRedirects;

    @JsonPropertyDescription("TLS options.")
    public TlsOptions tls;
}
