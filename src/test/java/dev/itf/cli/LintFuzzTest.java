package dev.itf.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code itf lint} on mutated copies of the examples: odd values, dropped, duplicated and re-indented lines, special
 * characters, long lines, anchors and aliases, deep nesting. Whatever the input, lint must not throw, must place every
 * problem at file:line:column, and the command over all of them must exit with 0, 1 or 2 and write nothing to stderr
 * (where an escaped exception would land). The seeds are fixed, so a failure names the seed that reproduces it.
 */
class LintFuzzTest {

    static final int MUTATIONS = 300;

    static final String[] ODD_VALUES = {
            "", "~", "null", "[]", "{}", "-1", "0", "3.5", "99999999999999999999999", "1e400", ".nan", "-.inf", "yes", "0x1F",
            "'", "\"", "\"unterminated", "&anchor", "*anchor", "*nowhere", "!!binary AAAA", "!!str", "!!int x", "!custom v",
            "${", "${x", "${uuid(}", "$.[", "|", ">-", "@", "`", "%YAML", "? key", ": :", "- - -", "[a, {b: ]", "{a: [}",
            "\t", "true: false", "a\u0000b", "\uFEFF", "é\u00e9😀", "\u2028", "\u0085", "\u0001", "\u007F", "\u009F",
            "x".repeat(5000), "&a [*a]", "<<: *base", "!!set {a, b}", "!!omap [a: 1]", "2001-12-14t21:59:43.10-05:00",
    };

    static final String[] SPECIAL = {"\u0000", "\uFEFF", "\t", "\r", "\r\n", "\u2028", "\u0085", "\u0001", "\u001B", "\u007F",
            "\u0080", "\u009F", "\uFFFE", "\uFFFF", "😀", "é", "\u200B", "#", ":", "-", "&", "*", "!", "|", ">", "'", "\"", "{", "[", "%"};

    private static final Pattern POSITIONED = Pattern.compile("^[^\\n]+:\\d+:\\d+: [^\\n]+");

    @TempDir
    Path dir;

    @Test
    void lintNeverCrashesAndPlacesEveryProblem() throws IOException {
        List<Path> examples;
        try (Stream<Path> walk = Files.walk(Path.of("examples"))) {
            examples = walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThan(3);
        List<String> failures = new ArrayList<>();
        int problems = 0;
        for (int seed = 0; seed < MUTATIONS; seed++) {
            Random random = new Random(seed);
            Path example = examples.get(random.nextInt(examples.size()));
            List<String> applied = new ArrayList<>();
            String text = Files.readString(example, StandardCharsets.UTF_8);
            int rounds = 1 + random.nextInt(3);
            for (int r = 0; r < rounds; r++) {
                text = mutate(text, random, applied);
            }
            Path file = dir.resolve(seed + "-" + example.getFileName());
            Files.writeString(file, text, StandardCharsets.UTF_8);

            String what = "seed " + seed + " (" + example + ": " + String.join(", ", applied) + ")";
            try {
                List<ManifestLint.Finding> findings = new ManifestLint().lint(List.of(file));
                problems += findings.size();
                for (ManifestLint.Finding f : findings) {
                    if (!positioned(f, file)) {
                        failures.add(what + ": no file:line:column in: " + cut(f.toString()));
                    }
                }
            } catch (Throwable t) {
                failures.add(what + ": " + t);
            }
        }
        // then all of them at once through the command line, which also checks them against each other
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ItfCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), "lint", dir.toString());
        assertThat(code).isIn(0, 1, 2);
        assertThat(err.toString()).isEmpty();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(lines.size() - 1)).matches("\\d+ problems? in " + MUTATIONS + " files \\(\\d+ ITF resources?\\)");
        for (String line : lines.subList(0, lines.size() - 1)) {
            if (!POSITIONED.matcher(line).matches() || !line.startsWith(dir.toString())) {
                failures.add("linting all: no file:line:column in: " + cut(line));
            }
        }
        assertThat(failures).as("lint on " + MUTATIONS + " mutated examples").isEmpty();
        // the mutations reach the checks rather than all being rejected alike
        assertThat(problems).isGreaterThan(MUTATIONS / 2);
    }

    private static boolean positioned(ManifestLint.Finding f, Path file) {
        return f.file().equals(file) && f.position() != null && f.position().line() > 0 && f.position().column() > 0
                && POSITIONED.matcher(f.toString()).matches();
    }

    static String mutate(String text, Random random, List<String> applied) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            lines.add("");
        }
        int i = random.nextInt(lines.size());
        String line = lines.get(i);
        switch (random.nextInt(11)) {
            case 0 -> {
                int colon = line.indexOf(": ");
                String odd = ODD_VALUES[random.nextInt(ODD_VALUES.length)];
                lines.set(i, colon >= 0 ? line.substring(0, colon + 2) + odd : line + odd);
                applied.add("value on line " + (i + 1) + " -> " + printable(odd));
            }
            case 1 -> {
                lines.remove(i);
                applied.add("line " + (i + 1) + " dropped");
            }
            case 2 -> {
                lines.add(i, line);
                applied.add("line " + (i + 1) + " duplicated");
            }
            case 3 -> {
                int shift = random.nextInt(9) - 4;
                String stripped = line.stripLeading();
                int indent = Math.max(0, line.length() - stripped.length() + shift);
                lines.set(i, (random.nextInt(4) == 0 ? "\t" : " ".repeat(indent)) + stripped);
                applied.add("line " + (i + 1) + " re-indented by " + shift);
            }
            case 4 -> {
                String c = SPECIAL[random.nextInt(SPECIAL.length)];
                int at = random.nextInt(line.length() + 1);
                lines.set(i, line.substring(0, at) + c + line.substring(at));
                applied.add(printable(c) + " inserted on line " + (i + 1) + " at " + (at + 1));
            }
            case 5 -> {
                lines.set(i, line + " " + "long".repeat(2_500 + random.nextInt(2_500)));
                applied.add("line " + (i + 1) + " made very long");
            }
            case 6 -> {
                int colon = line.indexOf(": ");
                if (colon >= 0) {
                    lines.set(i, line.substring(0, colon + 2) + "&a " + line.substring(colon + 2));
                    int j = random.nextInt(lines.size());
                    String target = lines.get(j);
                    int c2 = target.indexOf(": ");
                    lines.set(j, c2 >= 0 ? target.substring(0, c2 + 2) + "*a" : target + " *a");
                    applied.add("anchor on line " + (i + 1) + ", alias on line " + (j + 1));
                } else {
                    lines.add(i, "x: &a [*a]");
                    applied.add("self alias at line " + (i + 1));
                }
            }
            case 7 -> {
                int depth = 50 + random.nextInt(2000);
                String nested = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "}".repeat(depth);
                int colon = line.indexOf(": ");
                lines.set(i, colon >= 0 ? line.substring(0, colon + 2) + nested : line + nested);
                applied.add("nesting " + depth + " deep on line " + (i + 1));
            }
            case 8 -> {
                int j = random.nextInt(lines.size());
                lines.set(i, lines.get(j));
                lines.set(j, line);
                applied.add("lines " + (i + 1) + " and " + (j + 1) + " swapped");
            }
            case 9 -> {
                String joined = String.join("\n", lines);
                int cut = random.nextInt(joined.length() + 1);
                applied.add("cut at character " + cut);
                return joined.substring(0, cut);
            }
            default -> {
                String lead = line.substring(0, line.length() - line.stripLeading().length());
                String[] keys = {"apiVersion", "kind", "spec", "metadata", "cases", "steps", "components", "<<", "? ", "---", "..."};
                String key = keys[random.nextInt(keys.length)];
                lines.add(i, lead + key + (key.startsWith("-") || key.startsWith(".") ? "" : ": x"));
                applied.add("key " + key + " inserted at line " + (i + 1));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(40).forEach(c -> {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0xFEFF || c == 0x2028 || c >= 0xFFFE) {
                b.append(String.format("U+%04X", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return b.toString();
    }

    private static String cut(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
