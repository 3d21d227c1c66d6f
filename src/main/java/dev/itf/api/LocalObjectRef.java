package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to an object in the same namespace, by name. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LocalObjectRef {
    @Required
    @Pattern(Itf.DNS1123_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("Name of the object, in the same namespace.")
    public String name;

    public LocalObjectRef() {
    }

    public LocalObjectRef(String name) {
        this.name = name;
    }
}
