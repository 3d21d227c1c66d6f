package dev.itf.operator.dashboard;

import io.quarkus.qute.Engine;
import io.quarkus.qute.HtmlEscaper;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateLocator;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The dashboard's HTML pages: Qute templates under {@code dashboard/} on the class path, every value HTML-escaped
 * unless the page marks it raw (the reports' SVG charts).
 */
@ApplicationScoped
public class DashboardPages {
    private static final String DIR = "dashboard/";

    private final Engine engine = Engine.builder()
            .addDefaults()
            .addValueResolver(new ReflectionValueResolver())
            .addResultMapper(new HtmlEscaper(List.of(Variant.TEXT_HTML)))
            .addLocator(DashboardPages::locate)
            .strictRendering(true)
            .build();

    private static Optional<TemplateLocator.TemplateLocation> locate(String id) {
        String path = DIR + (id.endsWith(".html") ? id : id + ".html");
        if (DashboardPages.class.getClassLoader().getResource(path) == null) {
            return Optional.empty();
        }
        return Optional.of(new TemplateLocator.TemplateLocation() {
            @Override
            public Reader read() {
                InputStream in = DashboardPages.class.getClassLoader().getResourceAsStream(path);
                return new InputStreamReader(in, StandardCharsets.UTF_8);
            }

            @Override
            public Optional<Variant> getVariant() {
                return Optional.of(Variant.forContentType(Variant.TEXT_HTML));
            }
        });
    }

    /** The page rendered with the data. */
    public String render(String page, Map<String, Object> data) {
        Template t = engine.getTemplate(page);
        if (t == null) {
            throw new IllegalStateException("no template " + DIR + page + ".html on the class path");
        }
        return t.data(data).render();
    }
}
