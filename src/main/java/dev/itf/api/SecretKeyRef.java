package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the same namespace. Outside a cluster it reads the env var ITF_SECRET_<NAME>_<KEY>. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SecretKeyRef {
    @Required
    @Pattern(Itf.DNS1123_SUBDOMAIN_PATTERN)
    @JsonPropertyDescription("Name of the Secret, in the same namespace.")
    public String name;

    @JsonPropertyDescription("Key within the Secret; each auth scheme documents its default.")
    public String key;

    public SecretKeyRef() {
    }

    public SecretKeyRef(String name, String key) {
        this.name = name;
        this.key = key;
    }
}
