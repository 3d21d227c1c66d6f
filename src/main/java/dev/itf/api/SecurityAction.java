package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

import java.util.ArrayList;
import java.util.List;

/** A security step (SPEC §7): checks run against a service's endpoints, each yielding findings. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecurityAction {
    @Required
    @JsonPropertyDescription("Base URL of the service; templates allowed, e.g. ${baseUrl}. Must be https for the transport check.")
    public String baseUrl;

    @JsonPropertyDescription("TLS options: the CA to trust for a private CA (ca: FILE or caSecretRef).")
    public TlsOptions tls;

    @JsonPropertyDescription("The endpoints the checks apply to, each METHOD PATH, e.g. GET /api/v1/orders; templates allowed.")
    public List<String> requests = new ArrayList<>();

    @JsonPropertyDescription("Auth profile the headers, cookies, cors, dataExposure and transport checks send their requests with; default checks.authentication.valid, else none.")
    public String auth;

    @Required
    @JsonPropertyDescription("The checks to run: authentication, authorization, transport, headers, cookies, cors, dataExposure, rateLimit.")
    public SecurityChecks checks;
}
