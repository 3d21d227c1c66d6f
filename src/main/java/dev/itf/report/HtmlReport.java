package dev.itf.report;

import dev.itf.api.CaseLink;
import dev.itf.json.Json;
import dev.itf.results.Attempt;
import dev.itf.results.CaseResult;
import dev.itf.results.Compliance;
import dev.itf.results.ErrorKind;
import dev.itf.results.Finding;
import dev.itf.results.LoadResult;
import dev.itf.results.Outcome;
import dev.itf.results.RunResult;
import dev.itf.results.SecretNames;
import dev.itf.results.StepResult;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static dev.itf.report.Html.esc;

/**
 * report.html: one self-contained file. Styles, the small script and the SVG charts are inline and a
 * Content-Security-Policy forbids every fetch, so opening it makes no network request. Everything is rendered
 * on the server side: the summary, charts and failures read without JavaScript; the script only filters and sorts
 * the case table.
 */
final class HtmlReport {

    static final String PASSED = "#1a7f37";
    static final String FAILED = "#cf222e";
    static final String ERRORED = "#bc4c00";
    static final String SKIPPED = "#8c959f";
    static final String FLAKY = "#8250df";
    private static final String[] KIND_COLORS = {"#cf222e", "#bc4c00", "#9a6700", "#8250df", "#0969da", "#1b7c83", "#bf3989", "#57606a"};

    static final int MAX_FAILURE_DETAILS = 1000;

    private final RunDigest d;
    private final RunResult run;
    private final StringBuilder out = new StringBuilder(64 * 1024);

    private HtmlReport(RunDigest digest) {
        this.d = digest;
        this.run = digest.result;
    }

    static void write(RunDigest digest, Path file) throws IOException {
        HtmlReport r = new HtmlReport(digest);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            r.render(w);
        }
    }

    private void render(BufferedWriter w) throws IOException {
        head();
        header();
        flush(w);
        summary();
        errors();
        trends();
        failures();
        flush(w);
        flaky();
        load();
        security();
        compliance();
        flush(w);
        cases(w);
        out.append("<footer>ITF report, rendered ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
                .append(" from the run's results.</footer></main>");
        out.append("<script>").append(SCRIPT).append("</script></body></html>\n");
        flush(w);
    }

    private void flush(BufferedWriter w) throws IOException {
        w.append(out);
        out.setLength(0);
    }

    private void head() {
        String suite = run.suite == null ? "suite" : run.suite;
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(suite)).append(" \u2014 ").append(d.verdict()).append(" \u2014 ITF report</title>")
                .append("<style>").append(STYLE).append("</style></head><body>");
    }

    private void header() {
        out.append("<header class=\"top ").append(d.passed ? "ok" : "bad").append("\"><div class=\"wrap\"><div>")
                .append("<div class=\"kicker\">ITF test report</div><h1>").append(esc(run.suite == null ? "suite" : run.suite)).append("</h1>");
        if (run.description != null) {
            out.append("<p class=\"desc\">").append(esc(run.description)).append("</p>");
        }
        out.append("<p class=\"meta\">Started ").append(esc(run.startedAt == null ? "unknown" : run.startedAt))
                .append(" \u00b7 took ").append(RunDigest.duration(run.durationMs));
        if (run.shards > 1) {
            out.append(" \u00b7 ").append(run.shards).append(" shards");
        }
        out.append("</p></div><div id=\"verdict\" class=\"verdict\">").append(d.verdict()).append("</div></div></header>");
        out.append("<nav class=\"wrap\"><a href=\"#summary\">Summary</a>");
        if (!d.errorKinds.isEmpty()) {
            out.append("<a href=\"#errors\">Error kinds</a>");
        }
        if (d.history != null && d.history.runs.size() > 1) {
            out.append("<a href=\"#trends\">Trends</a>");
        }
        if (!d.failures.isEmpty()) {
            out.append("<a href=\"#failures\">Failures (").append(d.failures.size()).append(")</a>");
        }
        if (!d.flaky.isEmpty()) {
            out.append("<a href=\"#flaky\">Flaky (").append(d.flaky.size()).append(")</a>");
        }
        if (!d.loadSteps.isEmpty()) {
            out.append("<a href=\"#load\">Load</a>");
        }
        if (!d.findings.isEmpty()) {
            out.append("<a href=\"#security\">Security</a>");
        }
        if (run.compliance != null) {
            out.append("<a href=\"#compliance\">Compliance</a>");
        }
        out.append("<a href=\"#cases\">All cases</a></nav><main class=\"wrap\">");
    }

    private void summary() {
        var s = run.summary;
        out.append("<section id=\"summary\"><h2>Summary</h2><div class=\"summary\">");
        out.append(SvgChart.donut("Outcomes", List.of(
                new SvgChart.Slice("passed", s.passed, PASSED), new SvgChart.Slice("failed", s.failed, FAILED),
                new SvgChart.Slice("errored", s.errored, ERRORED), new SvgChart.Slice("skipped", s.skipped, SKIPPED)),
                RunDigest.percent(d.passRate)));
        out.append("<div class=\"cards\">");
        card("total", "Cases", s.total, null);
        card("passed", "Passed", s.passed, PASSED);
        card("failed", "Failed", s.failed, FAILED);
        card("errored", "Errored", s.errored, ERRORED);
        card("skipped", "Skipped", s.skipped, SKIPPED);
        card("flaky", "Flaky", s.flaky, FLAKY);
        out.append("<div class=\"card\" id=\"count-passrate\"><div class=\"n\">").append(RunDigest.percent(d.passRate))
                .append("</div><div class=\"l\">Pass rate</div></div>");
        out.append("<div class=\"card\"><div class=\"n\">").append(RunDigest.duration(run.durationMs))
                .append("</div><div class=\"l\">Duration</div></div>");
        out.append("</div></div><p class=\"note\">Pass rate: passed \u00f7 (total \u2212 skipped). Flaky cases passed on a retry and count as passed.</p>");
        List<CaseResult> slowest = run.cases.stream().filter(c -> c.outcome != Outcome.SKIPPED)
                .sorted(Comparator.comparingLong((CaseResult c) -> c.durationMs).reversed()).limit(10).toList();
        if (!slowest.isEmpty()) {
            out.append("<h3>Slowest cases</h3>");
            out.append(SvgChart.bars("Slowest cases (ms)", slowest.stream()
                    .map(c -> new SvgChart.Slice(cut(c.caseId, 20), c.durationMs, color(c))).toList()));
        }
        out.append("</section>");
    }

    private void card(String id, String label, int n, String color) {
        out.append("<div class=\"card\" id=\"count-").append(id).append("\"><div class=\"n\"")
                .append(color == null || n == 0 ? "" : " style=\"color:" + color + "\"").append('>').append(n)
                .append("</div><div class=\"l\">").append(label).append("</div></div>");
    }

    private void errors() {
        if (d.errorKinds.isEmpty()) {
            return;
        }
        out.append("<section id=\"errors\"><h2>Error kinds</h2><p class=\"note\">What went wrong in the failed and errored cases: the expectation that failed, or why a step could not run.</p>");
        List<SvgChart.Slice> bars = new ArrayList<>();
        int i = 0;
        for (Map.Entry<ErrorKind, Integer> e : d.errorKinds.entrySet()) {
            bars.add(new SvgChart.Slice(e.getKey().id(), e.getValue(), e.getKey().expectation() ? FAILED : KIND_COLORS[++i % KIND_COLORS.length]));
        }
        out.append(SvgChart.bars("Failed and errored cases by error kind", bars));
        out.append("<table class=\"small\"><thead><tr><th>kind</th><th>what</th><th>cases</th></tr></thead><tbody>");
        for (Map.Entry<ErrorKind, Integer> e : d.errorKinds.entrySet()) {
            out.append("<tr><td><code>").append(e.getKey().id()).append("</code></td><td>")
                    .append(e.getKey().expectation() ? "failed expectation" : "could not run").append("</td><td>")
                    .append(e.getValue()).append("</td></tr>");
        }
        out.append("</tbody></table></section>");
    }

    private void trends() {
        History h = d.history;
        if (h == null || h.runs.size() < 2) {
            return;
        }
        String[] x = h.runs.stream().map(r -> r.startedAt == null ? "" : r.startedAt.substring(0, Math.min(16, r.startedAt.length())).replace('T', ' ')).toArray(String[]::new);
        double[] rate = h.runs.stream().mapToDouble(r -> r.passRate() == null ? Double.NaN : r.passRate() * 100).toArray();
        double[] seconds = h.runs.stream().mapToDouble(r -> r.durationMs / 1000.0).toArray();
        double[] failed = h.runs.stream().mapToDouble(r -> r.failed + r.errored).toArray();
        out.append("<section id=\"trends\"><h2>Trends</h2><p class=\"note\">The last ").append(h.runs.size())
                .append(" runs of this suite, oldest on the left.</p><div class=\"charts\">");
        out.append(SvgChart.lines("Pass rate (%)", List.of(new SvgChart.Series("pass rate %", PASSED, rate)), x,
                v -> SvgChart.num(Math.round(v)) + "%", 100.0));
        out.append(SvgChart.lines("Duration (s)", List.of(new SvgChart.Series("duration s", "#0969da", seconds)), x,
                v -> String.format(Locale.ROOT, "%.1f s", v), null));
        out.append(SvgChart.lines("Failed and errored cases", List.of(new SvgChart.Series("failed + errored", FAILED, failed)), x,
                SvgChart::num, null));
        out.append("</div></section>");
    }

    private void failures() {
        if (d.failures.isEmpty()) {
            return;
        }
        out.append("<section id=\"failures\"><h2>Failures</h2><p class=\"note\">Most severe first. Open a failure for its failed expectation and step log.")
                .append(d.failures.size() > MAX_FAILURE_DETAILS ? " The first " + MAX_FAILURE_DETAILS + " of " + d.failures.size()
                        + " are shown here; the case list below and itf-results.json hold every one." : "")
                .append(" <button type=\"button\" class=\"js-only\" id=\"expand-all\">Expand all</button></p>");
        for (CaseResult c : detailed()) {
            out.append("<details class=\"failure\" id=\"").append(Html.id("failure-", c.caseId)).append("\"><summary>");
            badge(c);
            out.append(" <span class=\"sev sev-").append(c.severityOrDefault().name().toLowerCase(Locale.ROOT)).append("\">")
                    .append(c.severityOrDefault().name().toLowerCase(Locale.ROOT)).append("</span> <b>").append(esc(c.caseId))
                    .append("</b> ").append(esc(c.title));
            if (c.errorKind != null) {
                out.append(" <code class=\"kind\">").append(c.errorKind.id()).append("</code>");
            }
            out.append("<div class=\"msg1\">").append(esc(firstLine(c.message))).append("</div></summary><div class=\"body\">");
            if (c.errorKind != null) {
                out.append("<p><b>").append(c.errorKind.expectation() ? "Failed expectation" : "Could not run").append(":</b> <code>")
                        .append(c.errorKind.id()).append("</code></p>");
            }
            out.append("<pre class=\"message\">").append(esc(c.message)).append("</pre>");
            caseFacts(c);
            steps(c.steps);
            if (c.earlierAttempts != null) {
                for (Attempt a : c.earlierAttempts) {
                    out.append("<details class=\"attempt\"><summary>Attempt ").append(a.attempt).append(": ")
                            .append(a.outcome == null ? "" : a.outcome.name().toLowerCase(Locale.ROOT)).append(' ')
                            .append(esc(firstLine(a.message))).append("</summary>");
                    steps(a.steps);
                    out.append("</details>");
                }
            }
            out.append("</div></details>");
        }
        out.append("</section>");
    }

    /** The failures shown in full: a run with thousands of them stays quick to open. */
    private List<CaseResult> detailed() {
        return d.failures.subList(0, Math.min(d.failures.size(), MAX_FAILURE_DETAILS));
    }

    private void caseFacts(CaseResult c) {
        out.append("<p class=\"facts\">Attempt ").append(c.attempt).append(" \u00b7 ").append(RunDigest.duration(c.durationMs));
        if (c.owner != null) {
            out.append(" \u00b7 owner ").append(esc(c.owner));
        }
        if (!c.tags.isEmpty()) {
            out.append(" \u00b7 tags ").append(esc(String.join(", ", c.tags)));
        }
        if (c.controls != null) {
            out.append(" \u00b7 controls ").append(esc(String.join(", ", c.controls)));
        }
        if (c.links != null) {
            for (CaseLink l : c.links) {
                out.append(" \u00b7 <a rel=\"noreferrer\" href=\"").append(esc(l.url)).append("\">").append(esc(l.name)).append("</a>");
            }
        }
        out.append("</p>");
    }

    private void steps(List<StepResult> steps) {
        out.append("<ol class=\"steps\">");
        for (StepResult s : steps) {
            String o = s.outcome == null ? "skipped" : s.outcome.name().toLowerCase(Locale.ROOT);
            out.append("<li class=\"step ").append(o).append("\"><span class=\"o ").append(o).append("\">").append(o)
                    .append("</span> <b>").append(esc(s.name)).append("</b> <span class=\"muted\">").append(esc(s.type))
                    .append(" \u00b7 ").append(s.durationMs).append(" ms</span>");
            if (s.errorKind != null) {
                out.append(" <code class=\"kind\">").append(s.errorKind.id()).append("</code>");
            }
            if (s.message != null) {
                out.append("<pre class=\"message\">").append(esc(s.message)).append("</pre>");
            }
            if (!s.log.isEmpty()) {
                out.append("<pre class=\"log\">");
                for (String line : s.log) {
                    out.append(esc(line)).append('\n');
                }
                out.append("</pre>");
            }
            out.append("</li>");
        }
        out.append("</ol>");
    }

    private void flaky() {
        if (d.flaky.isEmpty()) {
            return;
        }
        out.append("<section id=\"flaky\"><h2>Flaky cases</h2><p class=\"note\">Passed only on a retry in this run, or went between passing and failing at least twice over the history")
                .append(d.history == null ? " (give --history for that)" : "").append(".</p>");
        out.append("<table><thead><tr><th>case</th><th>title</th><th>this run</th>")
                .append(d.history != null ? "<th>history (oldest \u2192 newest)</th>" : "").append("</tr></thead><tbody>");
        for (String id : d.flaky) {
            CaseResult c = run.cases.stream().filter(x -> x.caseId.equals(id)).findFirst().orElse(null);
            out.append("<tr><td><b>").append(esc(id)).append("</b></td><td>").append(c == null ? "" : esc(c.title)).append("</td><td>");
            if (c != null) {
                badge(c);
            } else {
                out.append("not run");
            }
            out.append("</td>");
            if (d.history != null) {
                out.append("<td class=\"strip\">");
                String letters = d.history.cases.getOrDefault(id, "");
                for (char ch : letters.toCharArray()) {
                    out.append("<i class=\"h-").append(ch == '-' ? "none" : String.valueOf(ch)).append("\" title=\"")
                            .append(letterName(ch)).append("\"></i>");
                }
                out.append("</td>");
            }
            out.append("</tr>");
        }
        out.append("</tbody></table></section>");
    }

    private void load() {
        if (d.loadSteps.isEmpty()) {
            return;
        }
        out.append("<section id=\"load\"><h2>Load steps</h2>");
        for (RunDigest.LoadStep ls : d.loadSteps) {
            LoadResult l = ls.load();
            out.append("<div class=\"load\"><h3>").append(esc(ls.testCase().caseId)).append(" \u00b7 ").append(esc(ls.step().name)).append("</h3>");
            out.append("<p class=\"facts\">");
            fact("requests", l.requests);
            fact("errors", l.errors);
            fact("dropped", l.dropped);
            if (l.throughput != null) {
                out.append("throughput <b>").append(String.format(Locale.ROOT, "%.1f/s", l.throughput)).append("</b> \u00b7 ");
            }
            if (l.measuredMs != null) {
                out.append("measured <b>").append(RunDigest.duration(l.measuredMs)).append("</b> \u00b7 ");
            }
            if (l.model != null) {
                out.append(l.model.equals("closed") ? "closed model: latency from the actual send time"
                        : "open model: latency from the intended send time");
            }
            out.append("</p>");
            if (!l.latencyMs.isEmpty()) {
                out.append("<table class=\"small\"><thead><tr>");
                l.latencyMs.keySet().forEach(k -> out.append("<th>").append(esc(k)).append("</th>"));
                out.append("</tr></thead><tbody><tr>");
                l.latencyMs.values().forEach(v -> out.append("<td>").append(ms(v)).append("</td>"));
                out.append("</tr></tbody></table>");
            }
            if (!l.timeline.isEmpty()) {
                String[] x = l.timeline.stream().map(t -> t.second + " s").toArray(String[]::new);
                out.append("<div class=\"charts\">");
                out.append(SvgChart.lines("Latency percentiles over time (ms)", List.of(
                        new SvgChart.Series("p50", "#0969da", series(l.timeline, t -> t.p50Ms)),
                        new SvgChart.Series("p95", "#bc4c00", series(l.timeline, t -> t.p95Ms)),
                        new SvgChart.Series("p99", FAILED, series(l.timeline, t -> t.p99Ms))), x, HtmlReport::ms, null));
                out.append(SvgChart.lines("Throughput over time (requests/s)", List.of(
                        new SvgChart.Series("requests/s", PASSED, l.timeline.stream().mapToDouble(t -> t.requests).toArray()),
                        new SvgChart.Series("errors/s", FAILED, l.timeline.stream().mapToDouble(t -> t.errors).toArray())),
                        x, v -> SvgChart.num(Math.round(v)), null));
                out.append("</div>");
            }
            if (!l.thresholds.isEmpty()) {
                out.append("<table class=\"small\"><thead><tr><th>threshold</th><th>limit</th><th>actual</th><th>verdict</th></tr></thead><tbody>");
                for (LoadResult.Threshold t : l.thresholds) {
                    String v = t.passed == null ? "not measured" : t.passed ? "held" : "failed";
                    out.append("<tr><td>").append(esc(t.name)).append("</td><td>").append(esc(t.limit)).append("</td><td>")
                            .append(esc(t.actual)).append("</td><td class=\"v-").append(v.replace(' ', '-')).append("\">").append(v)
                            .append(t.reason == null ? "" : " (" + esc(t.reason) + ")").append("</td></tr>");
                }
                out.append("</tbody></table>");
            }
            out.append("</div>");
        }
        out.append("</section>");
    }

    private void fact(String name, Long value) {
        if (value != null) {
            out.append(name).append(" <b>").append(value).append("</b> \u00b7 ");
        }
    }

    private static double[] series(List<LoadResult.Second> timeline, Function<LoadResult.Second, Double> f) {
        return timeline.stream().mapToDouble(t -> f.apply(t) == null ? Double.NaN : f.apply(t)).toArray();
    }

    private static String ms(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f ms", v) : String.format(Locale.ROOT, "%.2f ms", v);
    }

    private void security() {
        if (d.findings.isEmpty()) {
            return;
        }
        long failed = d.findings.stream().filter(f -> !f.finding().passed).count();
        out.append("<section id=\"security\"><h2>Security findings</h2><p class=\"note\">").append(failed).append(" failed of ")
                .append(d.findings.size()).append(" findings.</p>");
        out.append("<table><thead><tr><th>verdict</th><th>check</th><th>request</th><th>severity</th><th>evidence</th><th>controls</th><th>case</th></tr></thead><tbody>");
        d.findings.stream().sorted(Comparator.comparing((RunDigest.SecurityFinding f) -> f.finding().passed)).forEach(sf -> {
            Finding f = sf.finding();
            out.append("<tr><td class=\"").append(f.passed ? "v-held\">passed" : "v-failed\">failed").append("</td><td>")
                    .append(esc(f.ruleId())).append("</td><td>").append(esc(f.request)).append("</td><td>").append(esc(f.severity))
                    .append("</td><td><code>").append(esc(f.evidence)).append("</code></td><td>").append(esc(String.join(", ", f.controls)))
                    .append("</td><td>").append(esc(sf.testCase().caseId)).append("</td></tr>");
        });
        out.append("</tbody></table></section>");
    }

    private void compliance() {
        Compliance c = run.compliance;
        if (c == null) {
            return;
        }
        out.append("<section id=\"compliance\"><h2>Compliance</h2>");
        out.append("<table class=\"small\"><thead><tr><th>profile</th><th>passed</th><th>failed</th><th>not tested</th><th>coverage</th></tr></thead><tbody>");
        for (Compliance.Profile p : c.profiles) {
            out.append("<tr><td><b>").append(esc(p.profile)).append("</b></td><td>").append(p.count(Compliance.Control.PASSED))
                    .append("</td><td>").append(p.count(Compliance.Control.FAILED)).append("</td><td>")
                    .append(p.count(Compliance.Control.NOT_TESTED)).append("</td><td>").append(RunDigest.percent(p.coverage)).append("</td></tr>");
        }
        out.append("</tbody></table>");
        for (Compliance.Profile p : c.profiles) {
            out.append("<details class=\"profile\"><summary><b>").append(esc(p.profile)).append("</b> \u2014 ")
                    .append(p.count(Compliance.Control.FAILED)).append(" failed, ").append(p.count(Compliance.Control.PASSED))
                    .append(" passed, ").append(p.count(Compliance.Control.NOT_TESTED)).append(" not tested</summary>");
            out.append("<table class=\"small\"><thead><tr><th>control</th><th>status</th><th>checks</th><th>cases</th><th>evidence</th></tr></thead><tbody>");
            for (Compliance.Control ctl : p.controls) {
                String v = Compliance.Control.PASSED.equals(ctl.status) ? "held" : Compliance.Control.FAILED.equals(ctl.status) ? "failed" : "not-measured";
                out.append("<tr><td>").append(esc(ctl.control)).append(ctl.title == null ? "" : "<br><span class=\"muted\">" + esc(ctl.title) + "</span>")
                        .append("</td><td class=\"v-").append(v).append("\">").append(esc(ctl.status)).append("</td><td>")
                        .append(esc(String.join(", ", ctl.checks))).append("</td><td>").append(esc(String.join(", ", ctl.cases)))
                        .append("</td><td>").append(esc(String.join("; ", ctl.evidence))).append("</td></tr>");
            }
            out.append("</tbody></table></details>");
        }
        out.append("</section>");
    }

    /**
     * The list of every case: its rows are data (a JSON block the page's script pages, filters and sorts), so ten
     * thousand cases cost no more to open than a hundred. Without JavaScript the sections above still read.
     */
    private void cases(BufferedWriter w) throws IOException {
        out.append("<section id=\"cases\"><h2>All cases</h2><noscript><p class=\"note\">The list of every case needs JavaScript; ")
                .append("junit.xml and itf-results.json hold them too. The summary, failures and flaky cases above read without it.</p></noscript>")
                .append("<div class=\"filters js-only\"><input id=\"filter\" type=\"search\" placeholder=\"Filter by id, title, tag, kind, owner\u2026\">")
                .append(" <select id=\"outcome\"><option value=\"\">every outcome</option><option>passed</option><option>failed</option>")
                .append("<option>errored</option><option>skipped</option><option>flaky</option></select> <span id=\"shown\"></span></div>");
        out.append("<table id=\"case-table\" class=\"js-table\" data-total=\"").append(run.cases.size()).append("\"><thead><tr>")
                .append("<th data-sort=\"0\">id</th><th data-sort=\"1\">title</th><th data-sort=\"2\">severity</th><th data-sort=\"3\">outcome</th>")
                .append("<th data-sort=\"4\">duration</th><th data-sort=\"6\">error kind</th><th data-sort=\"7\">owner</th><th>tags</th></tr></thead><tbody></tbody></table>")
                .append("<p class=\"pager js-only\"><button type=\"button\" id=\"prev\">\u2190 previous</button> <button type=\"button\" id=\"next\">next \u2192</button></p>");
        flush(w);
        Set<String> detailed = new HashSet<>();
        detailed().forEach(c -> detailed.add(c.caseId));
        out.append("<script type=\"application/json\" id=\"case-data\">[");
        int n = 0;
        for (CaseResult c : run.cases) {
            List<Object> row = new ArrayList<>(11);
            row.add(c.caseId);
            row.add(c.title);
            row.add(c.severityOrDefault().name().toLowerCase(Locale.ROOT));
            row.add(outcome(c));
            row.add(c.durationMs);
            row.add(RunDigest.duration(c.durationMs));
            row.add(c.errorKind == null ? "" : c.errorKind.id());
            row.add(c.owner == null ? "" : c.owner);
            row.add(String.join(", ", c.tags));
            row.add(c.links == null ? List.of() : c.links.stream().map(l -> List.of(l.name, l.url)).toList());
            row.add(detailed.contains(c.caseId) ? Html.id("failure-", c.caseId) : "");
            // "<" never ends up inside the script element: JSON allows it escaped
            out.append(n == 0 ? "" : ",").append(Json.MAPPER.writeValueAsString(row).replace("<", "\\u003c"));
            if (++n % 500 == 0) {
                flush(w);
            }
        }
        out.append("]</script>");
        variables();
        out.append("</section>");
    }

    private void variables() {
        List<Map.Entry<String, String>> shown = run.variables.entrySet().stream()
                .filter(v -> !SecretNames.MASK.equals(v.getValue()) && !SecretNames.isSecret(v.getKey())).toList();
        if (shown.isEmpty()) {
            return;
        }
        out.append("<details><summary>Run variables (secrets left out)</summary><table class=\"small\"><tbody>");
        for (Map.Entry<String, String> v : shown) {
            out.append("<tr><td><code>").append(esc(v.getKey())).append("</code></td><td><code>").append(esc(v.getValue())).append("</code></td></tr>");
        }
        out.append("</tbody></table></details>");
    }

    private void badge(CaseResult c) {
        String o = outcome(c);
        out.append("<span class=\"o ").append(o).append("\">").append(o).append("</span>");
    }

    static String outcome(CaseResult c) {
        if (c.outcome == null) {
            return "errored";
        }
        if (c.outcome == Outcome.PASSED && c.flaky) {
            return "flaky";
        }
        return c.outcome.name().toLowerCase(Locale.ROOT);
    }

    private static String color(CaseResult c) {
        return switch (outcome(c)) {
            case "passed" -> PASSED;
            case "failed" -> FAILED;
            case "errored" -> ERRORED;
            case "flaky" -> FLAKY;
            default -> SKIPPED;
        };
    }

    private static String letterName(char ch) {
        return switch (ch) {
            case 'P' -> "passed";
            case 'K' -> "passed on a retry";
            case 'F' -> "failed";
            case 'E' -> "errored";
            case 'S' -> "skipped";
            default -> "not run";
        };
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return cut(nl < 0 ? s : s.substring(0, nl), 300);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    private static final String STYLE = """
            :root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa}
            *{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:#fff}
            .wrap{max-width:1200px;margin:0 auto;padding:0 20px}
            header.top{color:#fff;padding:22px 0}header.top.ok{background:#1a7f37}header.top.bad{background:#a40e26}
            header .wrap{display:flex;justify-content:space-between;align-items:center;gap:20px}
            .kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.85}h1{margin:2px 0 4px;font-size:28px}
            .desc,.meta{margin:2px 0;opacity:.92}.verdict{font-size:30px;font-weight:800;letter-spacing:.05em;border:3px solid #fff;border-radius:8px;padding:6px 18px}
            nav{display:flex;flex-wrap:wrap;gap:14px;padding:10px 20px;border-bottom:1px solid var(--line);position:sticky;top:0;background:#fff;z-index:2}
            nav a{color:#0969da;text-decoration:none}a.link{font-size:12px}section{padding:8px 0 18px;border-bottom:1px solid var(--line)}
            h2{font-size:20px;margin:16px 0 8px}h3{font-size:15px;margin:14px 0 6px}
            .summary{display:flex;gap:28px;align-items:center;flex-wrap:wrap}.cards{display:flex;flex-wrap:wrap;gap:10px}
            .card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;min-width:104px;background:var(--bg)}
            .card .n{font-size:24px;font-weight:700}.card .l{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}
            .note,.muted{color:var(--muted)}.charts{display:flex;flex-wrap:wrap;gap:18px}.chart{max-width:100%;height:auto}
            table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
            th{background:var(--bg);font-weight:600}th[data-sort]{cursor:pointer}th[data-dir=asc]::after{content:' \\25B2'}th[data-dir=desc]::after{content:' \\25BC'}table.small{width:auto}
            .o{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;font-weight:600;color:#fff;background:#8c959f}
            .o.passed{background:#1a7f37}.o.failed{background:#cf222e}.o.errored{background:#bc4c00}.o.flaky{background:#8250df}
            .sev{font-size:11px;text-transform:uppercase;border:1px solid var(--line);border-radius:4px;padding:0 5px}.sev-high{border-color:#cf222e;color:#cf222e}
            code.kind{background:#fff8c5;border:1px solid #d4a72c;border-radius:4px;padding:0 4px}
            details.failure{border:1px solid var(--line);border-left:4px solid #cf222e;border-radius:6px;margin:8px 0;background:#fff}
            details.failure>summary{cursor:pointer;padding:8px 10px}details.failure .body{padding:0 12px 10px}
            .msg1{color:#a40e26;margin-top:3px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12.5px;white-space:pre-wrap;word-break:break-word}
            pre{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:8px;overflow:auto;white-space:pre-wrap;word-break:break-word;font-size:12.5px;margin:6px 0}
            pre.message{border-color:#ff8182;background:#ffebe9}ol.steps{padding-left:20px}li.step{margin:6px 0}
            .strip i{display:inline-block;width:9px;height:16px;margin-right:1px;background:#eaeef2}.strip .h-P{background:#1a7f37}.strip .h-K{background:#8250df}
            .strip .h-F{background:#cf222e}.strip .h-E{background:#bc4c00}.strip .h-S{background:#8c959f}
            .v-held{color:#1a7f37;font-weight:600}.v-failed{color:#cf222e;font-weight:600}.v-not-measured{color:var(--muted)}
            .dur{display:inline-block;width:60px;height:6px;background:#eaeef2;margin-right:6px;vertical-align:middle}.dur i{display:block;height:6px;background:#0969da}
            .filters{margin:6px 0}.filters input{width:320px;padding:5px}.js-only,.js-table{display:none}.js .js-only{display:block}.js .js-table{display:table}
            footer{color:var(--muted);padding:20px 0;font-size:12px}
            @media print{nav,.filters,#expand-all{display:none}details{break-inside:avoid}}
            """;

    private static final String SCRIPT = """
            (function(){
            document.documentElement.classList.add('js');
            var ea=document.getElementById('expand-all');
            if(ea){ea.addEventListener('click',function(){var open=ea.textContent==='Expand all';
            document.querySelectorAll('details.failure').forEach(function(d){d.open=open});ea.textContent=open?'Collapse all':'Expand all';});}
            function openHash(){if(location.hash.indexOf('#failure-')===0){var d=document.getElementById(location.hash.slice(1));if(d)d.open=true;}}
            window.addEventListener('hashchange',openHash);openHash();
            var table=document.getElementById('case-table'),rowData=document.getElementById('case-data');if(!table||!rowData)return;
            // row: id, title, severity, outcome, ms, duration, kind, owner, tags, links, failure anchor
            var data=JSON.parse(rowData.textContent),body=table.tBodies[0],size=100,page=0,view=data;
            var f=document.getElementById('filter'),o=document.getElementById('outcome'),shown=document.getElementById('shown');
            var prev=document.getElementById('prev'),next=document.getElementById('next');
            var max=data.reduce(function(m,r){return Math.max(m,r[4])},1);
            var text=data.map(function(r){return (r[0]+' '+r[1]+' '+r[6]+' '+r[7]+' '+r[8]).toLowerCase()});
            var idx=data.map(function(r,i){return i});
            function esc(s){return String(s).replace(/[&<>"']/g,function(c){return {'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]})}
            function row(r){var id=r[10]?'<a href="#'+r[10]+'">'+esc(r[0])+'</a>':esc(r[0]);
            var links=r[9].map(function(l){return ' <a class="link" rel="noreferrer" href="'+esc(l[1])+'">'+esc(l[0])+'</a>'}).join('');
            return '<tr class="'+r[3]+'"><td>'+id+'</td><td>'+esc(r[1])+links+'</td><td>'+r[2]+'</td><td><span class="o '+r[3]+'">'+r[3]+
            '</span></td><td><span class="dur"><i style="width:'+Math.max(1,Math.round(r[4]*100/max))+'%"></i></span>'+esc(r[5])+'</td><td>'+esc(r[6])+
            '</td><td>'+esc(r[7])+'</td><td>'+esc(r[8])+'</td></tr>';}
            function render(){var start=page*size,rows=view.slice(start,start+size);body.innerHTML=rows.map(function(i){return row(data[i])}).join('');
            table.dataset.matched=view.length;prev.disabled=page===0;next.disabled=start+size>=view.length;
            shown.textContent=view.length?('showing '+(start+1)+'\u2013'+(start+rows.length)+' of '+view.length+' cases'+(view.length<data.length?' ('+data.length+' in all)':'')):'no case matches';}
            function apply(){var q=f.value.toLowerCase(),w=o.value;view=idx.filter(function(i){return (!q||text[i].indexOf(q)>=0)&&(!w||data[i][3]===w)});page=0;render();}
            f.addEventListener('input',apply);o.addEventListener('change',apply);
            prev.addEventListener('click',function(){page--;render()});next.addEventListener('click',function(){page++;render()});
            table.tHead.addEventListener('click',function(e){var th=e.target.closest('th');if(!th||!th.dataset.sort)return;var c=+th.dataset.sort,dir=th.dataset.dir==='asc'?-1:1;
            table.querySelectorAll('th').forEach(function(h){delete h.dataset.dir});th.dataset.dir=dir===1?'asc':'desc';
            idx.sort(function(a,b){var x=data[a][c],y=data[b][c];return dir*(typeof x==='number'?x-y:String(x).localeCompare(String(y)))});apply();});
            apply();
            })();
            """;

}
