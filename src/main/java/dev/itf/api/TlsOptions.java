package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsOptions {
    @JsonPropertyDescription("Accept any server certificate, self-signed included. Off by default.")
    public Boolean insecure;
}
