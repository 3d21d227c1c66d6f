package dev.itf.cli;

import java.io.Console;
import java.util.Optional;

/** A yes/no question to the person at the terminal; empty when nobody is there (CI, a pod, a pipe). */
interface Prompt {

    Optional<String> ask(String question);

    static Prompt console() {
        return question -> {
            Console console = System.console();
            if (console == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(console.readLine("%s", question));
        };
    }

    static boolean yes(Optional<String> answer) {
        return answer.map(a -> a.trim().toLowerCase(java.util.Locale.ROOT)).filter(a -> a.equals("y") || a.equals("yes")).isPresent();
    }
}
