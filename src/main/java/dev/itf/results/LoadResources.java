package dev.itf.results;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judges the {@code resources} thresholds of a load step (SPEC §6) on samples of the kubelet's usage of a component's
 * pods, which the operator takes while the run is running: the peak of the samples inside the step's measured period
 * against the limit. Without a sample in that period the threshold is not measured (neither passed nor failed).
 */
public final class LoadResources {
    /** How a resources threshold's name begins: resources:COMPONENT:cpu or resources:COMPONENT:memory. */
    public static final String PREFIX = "resources:";

    private static final Pattern PERCENT = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)%$");
    private static final Pattern CORES = Pattern.compile("^([0-9]+(?:\\.[0-9]+)?)(m?)$");
    private static final double KI = 1024;

    private LoadResources() {
    }

    /**
     * The usage of a component's pods at one instant, summed over their containers.
     *
     * @param cpuLimitCores the sum of their containers' CPU limits, or null when a container has none
     * @param noCpuLimit    which container has no CPU limit (when cpuLimitCores is null)
     */
    public record Sample(Instant at, double cpuCores, long memoryBytes, Double cpuLimitCores, String noCpuLimit) {
    }

    /** What the operator measured of a run's components. */
    public interface Usage {
        /** The samples of a component's pods, oldest first; empty when there are none. */
        List<Sample> samples(String component);

        /** Why the component's usage could not be read the last time it was tried, or null. */
        String unreadable(String component);
    }

    /** Whether the result has a load step with a resources threshold. */
    public static boolean any(CaseResult c) {
        return c.steps != null && c.steps.stream().anyMatch(s -> s.load != null && s.load.thresholds != null
                && s.load.thresholds.stream().anyMatch(t -> isResources(t.name)));
    }

    /**
     * Judges the resources thresholds of every load step of the case. A step that passed and is not a share of a
     * sharded load (those are judged when the shares are merged) now fails when one of them failed, and so does the
     * case if it had passed.
     */
    public static void judge(CaseResult c, Usage usage) {
        for (StepResult s : c.steps) {
            if (s.load == null || s.load.thresholds == null || s.load.thresholds.stream().noneMatch(t -> isResources(t.name))) {
                continue;
            }
            judge(s.load, usage);
            boolean share = s.load.shards != null && s.load.shards > 1;
            String failures = LoadThresholds.failures(s.load);
            if (!share && s.outcome == Outcome.PASSED && failures != null) {
                s.outcome = Outcome.FAILED;
                s.errorKind = ErrorKind.THRESHOLD;
                s.message = "step \"" + s.name + "\": " + failures;
            }
        }
        if (c.outcome == Outcome.PASSED) {
            c.steps.stream().filter(s -> s.outcome == Outcome.FAILED || s.outcome == Outcome.ERRORED).findFirst().ifPresent(s -> {
                c.outcome = s.outcome;
                c.message = s.message;
                c.errorKind = s.errorKind;
            });
        }
    }

    /** Judges the resources thresholds of one step's measurements on the samples inside its measured period. */
    public static void judge(LoadResult load, Usage usage) {
        Instant from = instant(load.measuredFrom);
        Instant to = from == null || load.measuredMs == null ? null : from.plusMillis(load.measuredMs);
        for (LoadResult.Threshold t : load.thresholds) {
            if (!isResources(t.name)) {
                continue;
            }
            String component = component(t.name);
            if (to == null) {
                notMeasured(t, "the runner did not report when the measured period began");
                continue;
            }
            List<Sample> inWindow = usage.samples(component).stream()
                    .filter(s -> !s.at().isBefore(from) && !s.at().isAfter(to)).toList();
            verdict(t, component, inWindow, usage.unreadable(component));
        }
    }

    /** The verdict of one resources threshold on the samples of its component inside the measured period. */
    static void verdict(LoadResult.Threshold t, String component, List<Sample> inWindow, String unreadable) {
        t.actual = null;
        t.passed = null;
        t.reason = null;
        if (inWindow.isEmpty()) {
            notMeasured(t, unreadable != null ? unreadable : "no kubelet sample of " + component + "'s pods during the measured period");
            return;
        }
        String limit = t.limit.trim();
        if (t.name.endsWith(":memory")) {
            long peak = inWindow.stream().mapToLong(Sample::memoryBytes).max().orElse(0);
            t.actual = bytes(peak);
            t.passed = peak <= LoadThresholds.bytes(limit);
            return;
        }
        Matcher percent = PERCENT.matcher(limit);
        if (percent.matches()) {
            Sample unlimited = inWindow.stream().filter(s -> s.cpuLimitCores() == null || s.cpuLimitCores() <= 0).findFirst().orElse(null);
            if (unlimited != null) {
                notMeasured(t, (unlimited.noCpuLimit() == null ? component + "'s pods have no CPU limit" : unlimited.noCpuLimit())
                        + ", so there is nothing " + limit + " is a share of; give cpu in cores instead (e.g. \"1.5\")");
                return;
            }
            double peak = inWindow.stream().mapToDouble(s -> s.cpuCores() / s.cpuLimitCores()).max().orElse(0) * 100;
            t.actual = String.format(Locale.ROOT, "%.1f%%", peak);
            t.passed = peak <= Double.parseDouble(percent.group(1));
            return;
        }
        Matcher cores = CORES.matcher(limit);
        double max = cores.matches() ? Double.parseDouble(cores.group(1)) / (cores.group(2).isEmpty() ? 1 : 1000) : Double.NaN;
        double peak = inWindow.stream().mapToDouble(Sample::cpuCores).max().orElse(0);
        t.actual = trimmed(String.format(Locale.ROOT, "%.3f", peak));
        t.passed = peak <= max;
    }

    /**
     * Of the verdicts of several shares on one resources threshold, the one the merged step keeps: a failure, else a
     * pass, else not measured; among equals the highest actual value (the shares measured the same pods, the peak of
     * their windows is the peak of the merged window).
     */
    public static LoadResult.Threshold merged(List<LoadResult.Threshold> verdicts) {
        return verdicts.stream().max(Comparator.comparingInt((LoadResult.Threshold t) -> rank(t.passed))
                .thenComparingDouble(t -> magnitude(t.actual))).orElseThrow();
    }

    /** The component a threshold named resources:COMPONENT:cpu is about. */
    public static String component(String name) {
        return name.substring(PREFIX.length(), name.lastIndexOf(':'));
    }

    public static boolean isResources(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** Bytes the way Kubernetes quantities are written: 1.25Gi, 512Mi, 900Ki, 12. */
    public static String bytes(long n) {
        String[] units = {"Ti", "Gi", "Mi", "Ki"};
        for (int i = 0; i < units.length; i++) {
            double unit = Math.pow(KI, units.length - i);
            if (n >= unit) {
                return trimmed(String.format(Locale.ROOT, "%.2f", n / unit)) + units[i];
            }
        }
        return Long.toString(n);
    }

    /** The earliest of several instants as text (the merged measured period begins with the first share's), or null. */
    public static String earliest(List<String> instants) {
        return instants.stream().filter(t -> instant(t) != null).min(Comparator.comparing(LoadResources::instant)).orElse(null);
    }

    private static void notMeasured(LoadResult.Threshold t, String why) {
        t.actual = null;
        t.passed = null;
        t.reason = "not measured: " + why;
    }

    private static int rank(Boolean passed) {
        return passed == null ? 0 : passed ? 1 : 2;
    }

    private static double magnitude(String actual) {
        if (actual == null) {
            return -1;
        }
        String a = actual.endsWith("%") ? actual.substring(0, actual.length() - 1) : actual;
        Double n = LoadThresholds.bytes(a);
        return n == null ? -1 : n;
    }

    private static String trimmed(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("\\.?0+$", "") : decimal;
    }

    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
