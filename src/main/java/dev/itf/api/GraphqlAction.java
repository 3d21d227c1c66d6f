package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

import java.util.LinkedHashMap;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class GraphqlAction {
    @Required
    @JsonPropertyDescription("URL of the GraphQL endpoint.")
    public String url;

    @Required
    @JsonPropertyDescription("The query or mutation document.")
    public String query;

    @PreserveUnknownFields
    @JsonPropertyDescription("GraphQL variables; string values may hold templates.")
    public JsonNode variables;

    @JsonPropertyDescription("Which operation of the document to run.")
    public String operationName;

    @JsonPropertyDescription("Request headers.")
    public Map<String, String> headers = new LinkedHashMap<>();

    @JsonPropertyDescription("Name of an auth profile of spec.auth, or none.")
    public String auth;

    @Pattern(Itf.DURATION_PATTERN)
    @JsonPropertyDescription("Timeout of this request, e.g. 5s.")
    public String timeout;

    @JsonPropertyDescription("TLS options.")
    public TlsOptions tls;
}
