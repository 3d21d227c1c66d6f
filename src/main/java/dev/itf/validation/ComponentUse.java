package dev.itf.validation;

/**
 * A component of the environment that a suite names: in a step's {@code component} field (with the step's action:
 * publish, expectMessage, sql or redis) or in a {@code ${components.NAME...}} template (action null).
 */
public record ComponentUse(String path, String component, String action) {
}
