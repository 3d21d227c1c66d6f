package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;

/** An expectation that did not hold: its kind and what was expected and found. */
public record ExpectationFailure(ErrorKind kind, String message) {
}
