package dev.itf.docs;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the suite documentation as one self-contained HTML page: a table of contents, then the suite overview and
 * each case. No script and no request to the network; the styles are inline.
 */
final class HtmlDocument {

    private static final Pattern INLINE = Pattern.compile("`([^`]*)`|\\*\\*([^*]+)\\*\\*|\\[([^\\]]+)]\\(([^)\\s]+)\\)");

    private HtmlDocument() {
    }

    static String anchor(String id) {
        return "case-" + id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    static String render(SuiteDocs.Doc d) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Test suite ").append(esc(d.name()))
                .append("</title>\n<style>\nbody{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}\n")
                .append("code{background:#f0f2f4;padding:0 .25rem;border-radius:3px;font-size:.9em}\ntable{border-collapse:collapse;margin:.5rem 0}\n")
                .append("td,th{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}\nnav{background:#f6f8fa;padding:.5rem 1rem;border-radius:6px}\n")
                .append("h2{border-bottom:1px solid #d0d7de;padding-bottom:.25rem;margin-top:2.5rem}\n</style>\n</head>\n<body>\n");
        h.append("<h1>Test suite <code>").append(esc(d.name())).append("</code></h1>\n");
        if (d.description() != null && !d.description().isBlank()) {
            h.append("<p>").append(inline(d.description().trim())).append("</p>\n");
        }
        h.append("<nav aria-label=\"Contents\">\n<h2 id=\"contents\" style=\"border:0;margin-top:.5rem\">Contents</h2>\n<ol>\n<li><a href=\"#overview\">Overview</a></li>\n");
        for (SuiteDocs.CaseDoc c : d.cases()) {
            h.append("<li><a href=\"#").append(anchor(c.id())).append("\">").append(esc(c.id())).append(": ").append(esc(c.title())).append("</a></li>\n");
        }
        h.append("</ol>\n</nav>\n<h2 id=\"overview\">Overview</h2>\n<ul>\n");
        item(h, "Components", d.components());
        item(h, "Auth profiles", d.auth());
        item(h, "Compliance profiles", d.compliance());
        item(h, "Test data", d.data());
        if (d.variables() != null) {
            h.append("<li><strong>Variables:</strong> ").append(inline(d.variables())).append("</li>\n");
        }
        h.append("<li><strong>Cases:</strong> ").append(d.cases().size()).append("</li>\n</ul>\n");
        for (SuiteDocs.CaseDoc c : d.cases()) {
            h.append("<section>\n<h2 id=\"").append(anchor(c.id())).append("\">").append(esc(c.id())).append(": ").append(esc(c.title())).append("</h2>\n");
            h.append("<h3>Overview</h3>\n<table>\n");
            for (String[] row : c.overview()) {
                h.append("<tr><th scope=\"row\">").append(esc(row[0])).append("</th><td>").append(inline(row[1])).append("</td></tr>\n");
            }
            h.append("</table>\n<h3>Prerequisites</h3>\n");
            list(h, "ul", c.prerequisites(), "None.");
            h.append("<h3>Steps</h3>\n");
            list(h, "ol", c.steps(), "");
            h.append("<h3>Expected Results</h3>\n");
            boolean any = false;
            any |= group(h, "Success criteria", c.success());
            any |= group(h, "Error conditions", c.errors());
            any |= group(h, "Performance requirements", c.performance());
            any |= group(h, "Expected results", c.expectedResults());
            if (!any) {
                h.append("<p>No expectation is written down.</p>\n");
            }
            if (d.withResults()) {
                h.append("<h3>Last Outcome</h3>\n");
                list(h, "ul", c.lastOutcome(), "not run");
            }
            h.append("</section>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void item(StringBuilder h, String label, List<String> values) {
        h.append("<li><strong>").append(label).append(":</strong> ")
                .append(values.isEmpty() ? "none" : String.join("; ", values.stream().map(HtmlDocument::inline).toList())).append("</li>\n");
    }

    private static boolean group(StringBuilder h, String label, List<String> items) {
        if (items.isEmpty()) {
            return false;
        }
        h.append("<h4>").append(label).append("</h4>\n");
        list(h, "ul", items, "");
        return true;
    }

    private static void list(StringBuilder h, String tag, List<String> items, String none) {
        if (items.isEmpty()) {
            h.append("<p>").append(esc(none)).append("</p>\n");
            return;
        }
        h.append('<').append(tag).append(">\n");
        for (String item : items) {
            h.append("<li>").append(inline(item)).append("</li>\n");
        }
        h.append("</").append(tag).append(">\n");
    }

    /** The small Markdown the model uses (code spans, bold, links) as HTML, everything else escaped. */
    static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = INLINE.matcher(text);
        int last = 0;
        while (m.find()) {
            out.append(esc(text.substring(last, m.start())));
            if (m.group(1) != null) {
                out.append("<code>").append(esc(m.group(1))).append("</code>");
            } else if (m.group(2) != null) {
                out.append("<strong>").append(esc(m.group(2))).append("</strong>");
            } else {
                String url = m.group(4);
                boolean safe = url.startsWith("http://") || url.startsWith("https://") || url.startsWith("#");
                out.append(safe ? "<a href=\"" + esc(url) + "\">" + esc(m.group(3)) + "</a>" : esc(m.group()));
            }
            last = m.end();
        }
        return out.append(esc(text.substring(last))).toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
