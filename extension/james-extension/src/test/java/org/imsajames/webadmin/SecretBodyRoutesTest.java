package org.imsajames.webadmin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretBodyRoutesTest {
    @Test
    void everySpellingThatReachesTheUploadRouteHoldsASecret() {
        for (String url : new String[] {
            "http://127.0.0.1:8000/imsa/connections/tls/certificate",
            "http://127.0.0.1:8000/imsa/connections/tls/certificate/",
            "http://127.0.0.1:8000//imsa//connections/tls/certificate",
            "http://127.0.0.1:8000/imsa/connections/tls/./certificate",
            "http://127.0.0.1:8000/imsa/connections/x/../tls/certificate",
            "http://127.0.0.1:8000/imsa/connections/tls/%63ertificate",
            "http://127.0.0.1:8000/imsa/connections/tls%2Fcertificate",
            "http://127.0.0.1:8000/imsa/connections/tls/%2563ertificate",
            "http://127.0.0.1:8000/imsa/connections/tls/certificate;jsessionid=1",
            "http://127.0.0.1:8000/IMSA/Connections/TLS/Certificate",
            "http://127.0.0.1:8000/imsa/connections/tls/certificate?x=1",
            "/imsa/connections/tls/certificate",
            "http://127.0.0.1:8000/imsa/connections/tls/%zz", // unreadable: in doubt, yes
        }) {
            assertThat(SecretBodyRoutes.holdsSecret(url)).as(url).isTrue();
        }
    }

    @Test
    void ourOtherRoutesAndJamessOwnDoNot() {
        for (String url : new String[] {
            "http://127.0.0.1:8000/imsa/connections",
            "http://127.0.0.1:8000/imsa/connections/tls",
            "http://127.0.0.1:8000/imsa/connections/connection-control",
            "http://127.0.0.1:8000/imsa/connections/connection-control/import",
            "http://127.0.0.1:8000/imsa/connections/history/3/restore",
            "http://127.0.0.1:8000/imsa/connections/tls/certificates",
            "http://127.0.0.1:8000/users/bob@example.com",
        }) {
            assertThat(SecretBodyRoutes.holdsSecret(url)).as(url).isFalse();
        }
        assertThat(SecretBodyRoutes.holdsSecret(null)).isFalse();
    }
}
