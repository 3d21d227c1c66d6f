package dev.itf.operator.results;

/** Which run results belong to: the TestRun's namespace, name and uid (a re-created run of the same name is another run). */
public record RunKey(String namespace, String name, String uid) {
}
