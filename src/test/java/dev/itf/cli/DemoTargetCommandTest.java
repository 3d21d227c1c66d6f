package dev.itf.cli;

import dev.itf.demo.DemoTarget;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoTargetCommandTest {

    @Test
    void portZeroPicksAFreePortAndPrintsIt() throws Exception {
        DemoTargetCommand command = new DemoTargetCommand();
        new CommandLine(command).parseArgs("--port", "0", "--api-key", "k-123", "--token-ttl", "5");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DemoTarget target = command.start(new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertThat(target.port()).isPositive();
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("listening on http://localhost:" + target.port());
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + target.port() + "/secure/apikey?api_key=k-123")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void defaultsAreTheDocumentedCredentials() {
        DemoTargetCommand command = new DemoTargetCommand();
        new CommandLine(command).parseArgs();
        assertThat(command.port).isEqualTo(8080);
        assertThat(command.basicUser).isEqualTo("demo");
        assertThat(command.basicPassword).isEqualTo("demo-pass");
        assertThat(command.apiKey).isEqualTo("demo-key");
        assertThat(command.jwtSecret).isEqualTo("demo-jwt-secret");
        assertThat(command.clientId).isEqualTo("itf");
        assertThat(command.clientSecret).isEqualTo("itf-secret");
        assertThat(command.tokenTtlSeconds).isEqualTo(3600);
    }

    @Test
    void badOptionsAreRejected() {
        DemoTargetCommand command = new DemoTargetCommand();
        new CommandLine(command).parseArgs("--port", "70000");
        assertThatThrownBy(() -> command.start(System.out)).hasMessage("--port must be from 0 to 65535, not 70000");
        assertThat(ItfCommand.execute("demo-target", "--port", "x")).isEqualTo(ItfCommand.BAD_INPUT);
    }

    @Test
    void anHttpsListenerPrintsAndWritesItsCaAndClientsTrustingItConnect(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path ca = dir.resolve("ca.pem");
        DemoTargetCommand command = new DemoTargetCommand();
        new CommandLine(command).parseArgs("--port", "0", "--https-port", "0", "--ca-out", ca.toString(), "--print-ca");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DemoTarget target = command.start(new PrintStream(out, true, StandardCharsets.UTF_8))) {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("and on https://localhost:" + target.httpsPort(), "-----BEGIN CERTIFICATE-----");
            assertThat(java.nio.file.Files.readString(ca)).isEqualTo(target.caPem());
            java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", dev.itf.http.CaCertificates.parse(target.caPem()).get(0));
            javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> r = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + target.httpsPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            // the hardened twin sends plain HTTP to HTTPS
            HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + target.port() + "/hardened/accounts")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(301);
            assertThat(plain.headers().firstValue("Location")).hasValue("https://localhost:" + target.httpsPort() + "/hardened/accounts");
        }
        assertThatThrownBy(() -> {
            DemoTargetCommand c = new DemoTargetCommand();
            new CommandLine(c).parseArgs("--port", "0", "--print-ca");
            c.start(System.out);
        }).hasMessage("--ca-out and --print-ca need --https-port");
    }
}
