package dev.itf.runner.expect;

import dev.itf.results.ErrorKind;
import dev.itf.runner.StepResponse;

/** rows: the exact number of rows an sql step returned (the size of its JSON array). */
public final class RowsExpectation implements Expectation {

    private final int rows;

    public RowsExpectation(int rows) {
        this.rows = rows;
    }

    @Override
    public ErrorKind kind() {
        return ErrorKind.ROWS;
    }

    @Override
    public String failure(StepResponse response) {
        if (response.json() == null || !response.json().isArray()) {
            return "rows: expected " + rows + ", actual not a list of rows: " + Excerpt.cut(response.body());
        }
        int actual = response.json().size();
        return actual == rows ? null : "rows: expected " + rows + ", actual " + actual;
    }
}
