package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestSuiteSpec {
    @JsonPropertyDescription("What the suite tests, in a sentence.")
    public String description;

    @JsonPropertyDescription("Suite variables, usable in steps as ${name}; templates such as ${components.api.url} are allowed. Run variables and captures override them.")
    public Map<String, String> variables = new LinkedHashMap<>();

    @JsonPropertyDescription("Named auth profiles that http and graphql steps refer to by name: basic, apiKey, bearer, oauth2 or jwt.")
    public Map<String, AuthProfile> auth = new LinkedHashMap<>();

    @JsonPropertyDescription("Defaults for every case: timeout, retries and request headers.")
    public SuiteDefaults defaults;

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyDescription("Compliance profiles to report on: owasp-api-2023, cwe-top25-2024, pci-dss-4.0, hipaa, gdpr, ccpa.")
    public List<String> compliance = new ArrayList<>();

    @PreserveUnknownFields
    @JsonPropertyDescription("Test data sets by name, for a case's forEach: a list of rows (objects), {file: test_data.json} next to the suite (JSON or YAML), or {configMapRef: {name}, key} in a cluster.")
    public Map<String, JsonNode> data;

    @Required
    @Size(min = 1)
    @JsonPropertyDescription("The test cases, run in this order unless parallelism says otherwise.")
    public List<TestCase> cases = new ArrayList<>();
}
