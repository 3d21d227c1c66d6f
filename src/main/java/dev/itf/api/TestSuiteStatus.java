package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TestSuiteStatus {
    @JsonPropertyDescription("The generation of the spec this status describes.")
    public Long observedGeneration;
    @JsonPropertyDescription("Conditions; Valid tells whether the suite can run, with the first problems found.")
    public List<Condition> conditions = new ArrayList<>();
    @JsonPropertyDescription("Number of cases in the suite.")
    public Integer cases;
}
