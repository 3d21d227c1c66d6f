package dev.itf;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Golden-file tests: one dynamic test per {@code in-*} file of a directory, checked against its {@code out-*} file. */
public final class GoldenFiles {
    private GoldenFiles() {
    }

    public static Stream<DynamicTest> each(Path dir, ThrowingConsumer<Path> check) throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(dir)) {
            inputs = files.filter(p -> p.getFileName().toString().startsWith("in-")).sorted().toList();
        }
        assertThat(inputs).as("inputs in " + dir).isNotEmpty();
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> check.accept(in)));
    }
}
