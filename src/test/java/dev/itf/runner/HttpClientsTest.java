package dev.itf.runner.http;

import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientsTest {

    @Test
    void oneClientPerTlsAndRedirectSetting() {
        try (HttpClients clients = new HttpClients()) {
            assertThat(clients.client(false, true)).isSameAs(clients.client(false, true));
            assertThat(clients.client(true, true)).isNotSameAs(clients.client(false, true));
            assertThat(clients.client(false, false)).isNotSameAs(clients.client(false, true));
            assertThat(clients.client(false, false).followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        }
    }
}
