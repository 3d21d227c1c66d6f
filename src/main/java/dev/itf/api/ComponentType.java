package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum ComponentType {
    @JsonProperty("service") SERVICE,
    @JsonProperty("database") DATABASE,
    @JsonProperty("queue") QUEUE,
    @JsonProperty("cache") CACHE,
    @JsonProperty("manifests") MANIFESTS
}
