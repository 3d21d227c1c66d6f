package dev.itf.runner;

import dev.itf.http.Tls;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpClientsTest {

    @Test
    void oneClientPerTlsAndRedirectSetting() {
        try (HttpClients clients = new HttpClients()) {
            assertThat(clients.client(false, true)).isSameAs(clients.client(false, true));
            assertThat(clients.client(true, true)).isNotSameAs(clients.client(false, true));
            assertThat(clients.client(false, false)).isNotSameAs(clients.client(false, true));
            assertThat(clients.client(false, false).followsRedirects()).isFalse();
            assertThat(clients.client(false, true).followsRedirects()).isTrue();
            assertThat(clients.client(true, false).tls()).isEqualTo(Tls.TRUST_ALL);
            assertThat(clients.client(false, false).tls()).isEqualTo(Tls.VERIFY);
        }
    }
}
