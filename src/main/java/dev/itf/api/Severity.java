package dev.itf.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How much a failure of a case matters; reports sort and label by it (Allure: critical, normal, minor). */
public enum Severity {
    @JsonProperty("high") HIGH,
    @JsonProperty("medium") MEDIUM,
    @JsonProperty("low") LOW
}
