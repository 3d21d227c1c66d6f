package dev.itf.cli;

import java.util.List;

/** Input the command cannot use (a file that does not parse, a bad option value): exit code 2, one line per problem. */
public class InputException extends Exception {

    private final List<String> problems;

    public InputException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public InputException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
