package dev.itf.docs;

import java.util.List;

/** Renders the suite documentation as Markdown (GitHub flavour: tables, fenced code). */
final class MarkdownDocument {

    private MarkdownDocument() {
    }

    static String render(SuiteDocs.Doc d) {
        StringBuilder md = new StringBuilder();
        md.append("# Test suite `").append(d.name()).append("`\n\n");
        if (d.description() != null && !d.description().isBlank()) {
            md.append(d.description().trim()).append("\n\n");
        }
        md.append("## Overview\n\n");
        item(md, "Components", d.components());
        item(md, "Auth profiles", d.auth());
        item(md, "Compliance profiles", d.compliance());
        item(md, "Test data", d.data());
        if (d.variables() != null) {
            md.append("- **Variables:** ").append(d.variables()).append('\n');
        }
        md.append("- **Cases:** ").append(d.cases().size()).append("\n\n");
        md.append("| ID | Title |").append(d.withResults() ? " Last outcome |" : "").append("\n|---|---|").append(d.withResults() ? "---|" : "").append('\n');
        for (SuiteDocs.CaseDoc c : d.cases()) {
            md.append("| [`").append(c.id()).append("`](#").append(HtmlDocument.anchor(c.id())).append(") | ").append(cell(c.title())).append(" |");
            if (d.withResults()) {
                md.append(' ').append(cell(String.join("; ", c.lastOutcome()))).append(" |");
            }
            md.append('\n');
        }
        for (SuiteDocs.CaseDoc c : d.cases()) {
            md.append("\n<a id=\"").append(HtmlDocument.anchor(c.id())).append("\"></a>\n\n## ").append(c.id()).append(": ").append(c.title()).append("\n\n");
            md.append("### Overview\n\n| | |\n|---|---|\n");
            for (String[] row : c.overview()) {
                md.append("| ").append(row[0]).append(" | ").append(cell(row[1])).append(" |\n");
            }
            md.append("\n### Prerequisites\n\n");
            list(md, c.prerequisites(), "None.");
            md.append("\n### Steps\n\n");
            for (int i = 0; i < c.steps().size(); i++) {
                md.append(i + 1).append(". ").append(c.steps().get(i)).append('\n');
            }
            md.append("\n### Expected Results\n\n");
            boolean any = false;
            any |= group(md, "Success criteria", c.success());
            any |= group(md, "Error conditions", c.errors());
            any |= group(md, "Performance requirements", c.performance());
            any |= group(md, "Expected results", c.expectedResults());
            if (!any) {
                md.append("No expectation is written down.\n");
            }
            if (d.withResults()) {
                md.append("\n### Last Outcome\n\n");
                list(md, c.lastOutcome(), "not run");
            }
        }
        return md.toString();
    }

    private static void item(StringBuilder md, String label, List<String> values) {
        md.append("- **").append(label).append(":** ").append(values.isEmpty() ? "none" : String.join("; ", values)).append('\n');
    }

    private static boolean group(StringBuilder md, String label, List<String> items) {
        if (items.isEmpty()) {
            return false;
        }
        md.append("**").append(label).append("**\n\n");
        list(md, items, "");
        md.append('\n');
        return true;
    }

    private static void list(StringBuilder md, List<String> items, String none) {
        if (items.isEmpty()) {
            md.append(none).append('\n');
        }
        for (String item : items) {
            md.append("- ").append(item.replace("\n", " ")).append('\n');
        }
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
