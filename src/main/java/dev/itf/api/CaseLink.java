package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A link from a case to what it documents or tracks: a requirement, a ticket, a runbook. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CaseLink {
    @Required
    @JsonPropertyDescription("What the link points at, e.g. ORD-42 or Runbook.")
    public String name;

    @Required
    @Pattern("^https?://.+")
    @JsonPropertyDescription("The address, http:// or https://.")
    public String url;

    public CaseLink() {
    }

    public CaseLink(String name, String url) {
        this.name = name;
        this.url = url;
    }
}
