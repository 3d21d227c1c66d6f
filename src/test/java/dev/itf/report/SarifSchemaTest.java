package dev.itf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.itf.json.Json;
import dev.itf.results.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** itf.sarif is valid against the published SARIF 2.1.0 JSON schema (as shipped in npm @microsoft/jest-sarif), with and without findings. */
class SarifSchemaTest {

    @TempDir
    Path dir;

    @Test
    void sarifMatchesTheSchemaWithAndWithoutFindings() throws Exception {
        Path schemaFile = NpmTools.ensure("@microsoft/jest-sarif", "1.0.0-beta.0").resolve("lib/schemas/sarif-2.1.0-rtm.5.json");
        JsonNode schemaNode = Json.MAPPER.readTree(schemaFile.toFile());
        assertThat(schemaNode.get("title").asText()).contains("2.1.0");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaNode);

        try (SampleRun sample = new SampleRun()) {
            ReportWriter.write(sample.result, dir.resolve("with"), EnumSet.of(ReportFormat.SARIF));
            RunResult without = ReportFormatsTest.copyWithFailures(sample.result, 0);
            without.cases.forEach(c -> c.steps.forEach(s -> s.findings = null));
            ReportWriter.write(without, dir.resolve("without"), EnumSet.of(ReportFormat.SARIF));
        }
        JsonNode with = Json.MAPPER.readTree(dir.resolve("with/itf.sarif").toFile());
        JsonNode empty = Json.MAPPER.readTree(dir.resolve("without/itf.sarif").toFile());
        assertThat(with.at("/runs/0/results")).hasSize(2);
        assertThat(empty.at("/runs/0/results")).isEmpty();
        Set<ValidationMessage> problems = schema.validate(with);
        assertThat(problems).as("itf.sarif with findings").isEmpty();
        assertThat(schema.validate(empty)).as("itf.sarif without findings").isEmpty();

        // the schema does reject what breaks it, so the checks above mean something
        ((com.fasterxml.jackson.databind.node.ObjectNode) with.at("/runs/0/results/0")).put("level", "fatal");
        assertThat(schema.validate(with)).isNotEmpty();
    }
}
