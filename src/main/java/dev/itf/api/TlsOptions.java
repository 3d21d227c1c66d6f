package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_NULL)
public class TlsOptions {
    @JsonPropertyDescription("Accept any server certificate, self-signed included. Off by default.")
    public Boolean insecure;

    @JsonPropertyDescription("PEM file of the CA certificates to trust (for a private CA), relative to the suite file; host names are still checked.")
    public String ca;

    @JsonPropertyDescription("Secret key that holds the PEM CA certificates to trust (default key: ca.crt).")
    public SecretKeyRef caSecretRef;
}
