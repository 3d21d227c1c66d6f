package dev.itf.results;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thresholds of a load step (SPEC §6): read from {@code expect.thresholds}, judged on a step's measurements. The
 * runner judges its own share; the operator and {@code itf report} judge again on the merged data of every shard.
 */
public final class LoadThresholds {

    /** Latency statistics a threshold may name, in report order. */
    public static final List<String> LATENCY = List.of("mean", "p50", "p90", "p95", "p99", "p99.9", "max");
    /** Every name a threshold may have. */
    public static final List<String> NAMES = List.of("mean", "p50", "p90", "p95", "p99", "p99.9", "max",
            "errorRate", "throughput", "dropped", "resources");

    private static final Pattern DURATION_PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
    private static final Pattern RATE = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)/(s|m)$");
    private static final Pattern PERCENT = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)%$");
    private static final Pattern CORES = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(m?)$");
    private static final Pattern BYTES = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$");

    private LoadThresholds() {
    }

    /** One limit as written: its name (p95, resources:orders-api:cpu ...) and text (500ms, 1%, 100/s, 80%, 2Gi). */
    public record Limit(String name, String text, String component) {
    }

    /** A problem with the thresholds of a step: the field (relative to thresholds) and what is wrong. */
    public record Problem(String field, String message) {
    }

    /** The limits of a step, in the order written; an empty list for null. Throws naming the field for bad input. */
    public static List<Limit> parse(JsonNode thresholds) {
        List<Problem> problems = new ArrayList<>();
        List<Limit> limits = read(thresholds, problems);
        if (!problems.isEmpty()) {
            Problem p = problems.get(0);
            throw new IllegalArgumentException("expect.thresholds" + p.field() + ": " + p.message());
        }
        return limits;
    }

    /** What is wrong with the thresholds, each naming its field from thresholds on (".p95", ".resources[0].cpu"). */
    public static List<Problem> problems(JsonNode thresholds) {
        List<Problem> problems = new ArrayList<>();
        read(thresholds, problems);
        return problems;
    }

    private static List<Limit> read(JsonNode thresholds, List<Problem> problems) {
        List<Limit> limits = new ArrayList<>();
        if (thresholds == null || thresholds.isNull()) {
            return limits;
        }
        if (!thresholds.isObject()) {
            problems.add(new Problem("", "must be a mapping of threshold names to limits, e.g. {p95: 500ms, errorRate: 1%}"));
            return limits;
        }
        for (Map.Entry<String, JsonNode> e : iterable(thresholds)) {
            String name = e.getKey();
            JsonNode v = e.getValue();
            String field = "." + name;
            String text = v.isValueNode() ? v.asText().trim() : null;
            if (LATENCY.contains(name)) {
                if (text == null || millis(text) == null) {
                    problems.add(new Problem(field, "must be a duration such as 500ms or 1.5s; not " + v));
                } else {
                    limits.add(new Limit(name, text, null));
                }
            } else if (name.equals("errorRate")) {
                if (text == null || !PERCENT.matcher(text).matches() && !v.isNumber()) {
                    problems.add(new Problem(field, "must be a percentage such as 1% (or a fraction such as 0.01); not " + v));
                } else {
                    limits.add(new Limit(name, text, null));
                }
            } else if (name.equals("throughput")) {
                if (text == null || perSecond(text) == null) {
                    problems.add(new Problem(field, "must be a rate such as 100/s or 600/m; not " + v));
                } else {
                    limits.add(new Limit(name, text, null));
                }
            } else if (name.equals("dropped")) {
                if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
                    problems.add(new Problem(field, "must be a number of requests, 0 or more; not " + v));
                } else {
                    limits.add(new Limit(name, text, null));
                }
            } else if (name.equals("resources")) {
                resources(v, problems, limits);
            } else {
                problems.add(new Problem(field, "\"" + name + "\" is not a threshold; use one of " + String.join(", ", NAMES)));
            }
        }
        return limits;
    }

    private static void resources(JsonNode v, List<Problem> problems, List<Limit> limits) {
        if (!v.isArray()) {
            problems.add(new Problem(".resources", "must be a list of {component, cpu, memory}"));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode r = v.get(i);
            String field = ".resources[" + i + "]";
            String component = r.path("component").asText(null);
            if (component == null || component.isBlank()) {
                problems.add(new Problem(field + ".component", "is required: the component of the environment whose pods are measured"));
                continue;
            }
            boolean any = false;
            for (Map.Entry<String, JsonNode> e : iterable(r)) {
                String key = e.getKey();
                String text = e.getValue().asText().trim();
                if (key.equals("component")) {
                    continue;
                }
                if (key.equals("cpu")) {
                    if (!PERCENT.matcher(text).matches() && !CORES.matcher(text).matches()) {
                        problems.add(new Problem(field + ".cpu", "must be a share of the CPU limit such as 80% or cores such as \"1.5\" or 500m; not " + e.getValue()));
                        continue;
                    }
                } else if (key.equals("memory")) {
                    if (bytes(text) == null) {
                        problems.add(new Problem(field + ".memory", "must be a quantity such as 512Mi or 2Gi; not " + e.getValue()));
                        continue;
                    }
                } else {
                    problems.add(new Problem(field + "." + key, "\"" + key + "\" is not a resource; use cpu or memory"));
                    continue;
                }
                any = true;
                limits.add(new Limit("resources:" + component + ":" + key, text, component));
            }
            if (!any && problems.stream().noneMatch(p -> p.field().startsWith(field))) {
                problems.add(new Problem(field, "set cpu, memory or both"));
            }
        }
    }

    /** The components whose resources the thresholds name, with the field naming each. */
    public static List<Map.Entry<String, String>> components(JsonNode thresholds) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        JsonNode r = thresholds == null ? null : thresholds.get("resources");
        if (r != null && r.isArray()) {
            for (int i = 0; i < r.size(); i++) {
                String c = r.get(i).path("component").asText(null);
                if (c != null && !c.isBlank()) {
                    out.add(Map.entry(".resources[" + i + "].component", c));
                }
            }
        }
        return out;
    }

    /**
     * Judges every limit on the step's measurements and puts the verdicts in {@code load.thresholds}. A latency or
     * rate threshold with no samples fails; resources are judged by whoever measured them (else not measured).
     */
    public static void judge(LoadResult load, List<Limit> limits, String resourcesNotMeasured) {
        load.thresholds = new ArrayList<>();
        long requests = load.requests == null ? 0 : load.requests;
        for (Limit limit : limits) {
            LoadResult.Threshold t = new LoadResult.Threshold();
            t.name = limit.name();
            t.limit = limit.text();
            if (LATENCY.contains(limit.name())) {
                Double actual = load.latencyMs.get(limit.name());
                if (requests == 0 || actual == null) {
                    noSamples(t);
                } else {
                    t.actual = ms(actual);
                    t.passed = actual <= millis(limit.text());
                }
            } else if (limit.name().equals("errorRate")) {
                if (requests == 0) {
                    noSamples(t);
                } else {
                    double rate = (load.errors == null ? 0 : load.errors) / (double) requests;
                    t.actual = percent(rate);
                    t.passed = rate <= fraction(limit.text());
                }
            } else if (limit.name().equals("throughput")) {
                if (requests == 0 || load.throughput == null) {
                    noSamples(t);
                } else {
                    t.actual = String.format(Locale.ROOT, "%.1f/s", load.throughput);
                    t.passed = load.throughput >= perSecond(limit.text());
                }
            } else if (limit.name().equals("dropped")) {
                long dropped = load.dropped == null ? 0 : load.dropped;
                t.actual = Long.toString(dropped);
                t.passed = dropped <= Long.parseLong(limit.text());
            } else {
                t.reason = resourcesNotMeasured;
            }
            load.thresholds.add(t);
        }
    }

    /** Judges again with the limits recorded in {@code load.thresholds} (after merging shards), keeping resources verdicts. */
    public static void judgeAgain(LoadResult load) {
        List<LoadResult.Threshold> before = load.thresholds;
        List<Limit> limits = before.stream().map(t -> new Limit(t.name, t.limit, null)).toList();
        judge(load, limits, null);
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).name.startsWith("resources:")) {
                load.thresholds.set(i, before.get(i));
            }
        }
    }

    /** Why the thresholds failed, e.g. "p95 612ms > 500ms; errorRate 3.2% > 1%", or null when none failed. */
    public static String failures(LoadResult load) {
        List<String> failed = new ArrayList<>();
        for (LoadResult.Threshold t : load.thresholds) {
            if (Boolean.FALSE.equals(t.passed)) {
                String op = t.name.equals("throughput") ? " < " : " > ";
                failed.add(t.actual == null ? t.name + " " + t.reason : t.name + " " + t.actual + op + t.limit);
            }
        }
        return failed.isEmpty() ? null : "thresholds failed: " + String.join("; ", failed);
    }

    private static void noSamples(LoadResult.Threshold t) {
        t.passed = false;
        t.reason = "no samples";
    }

    /** A duration text (500ms, 1.5s, 1m30s) in milliseconds, or null when it is not one. */
    public static Double millis(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Matcher m = DURATION_PART.matcher(text);
        double total = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            total += switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                case "m" -> n * 60_000;
                default -> n * 3_600_000;
            };
            end = m.end();
        }
        return end == text.length() ? total : null;
    }

    /** A rate text (200/s, 30/m) per second, or null when it is not one. */
    public static Double perSecond(String text) {
        Matcher m = text == null ? null : RATE.matcher(text.trim());
        if (m == null || !m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        return m.group(2).equals("m") ? n / 60 : n;
    }

    /** 1% or 0.01 as a fraction. */
    static double fraction(String text) {
        Matcher m = PERCENT.matcher(text);
        return m.matches() ? Double.parseDouble(m.group(1)) / 100 : Double.parseDouble(text);
    }

    /** A Kubernetes memory quantity in bytes, or null. */
    public static Double bytes(String text) {
        Matcher m = BYTES.matcher(text);
        if (!m.matches()) {
            return null;
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "" : m.group(2);
        return n * switch (unit) {
            case "Ki" -> 1024.0;
            case "Mi" -> 1024.0 * 1024;
            case "Gi" -> 1024.0 * 1024 * 1024;
            case "Ti" -> 1024.0 * 1024 * 1024 * 1024;
            case "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            case "T" -> 1e12;
            default -> 1.0;
        };
    }

    static String ms(double v) {
        return (v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "")) + "ms";
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", fraction * 100);
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
