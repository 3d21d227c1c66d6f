package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class SchemaRef {
    @JsonPropertyDescription("ConfigMap in the suite's namespace that holds the schema.")
    public LocalObjectRef configMapRef;

    @JsonPropertyDescription("Key of the ConfigMap entry that holds the schema.")
    public String key;

    @JsonPropertyDescription("Outside a cluster: a schema file, relative to the suite file.")
    public String file;
}
