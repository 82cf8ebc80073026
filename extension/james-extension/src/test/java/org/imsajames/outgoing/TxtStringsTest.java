package org.imsajames.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** TXT records as James 3.8.1's DNSJavaService hands them over (dnsjava's rdataToString). */
class TxtStringsTest {
    @Test
    void unquotesAndJoinsTheStringsOfARecord() {
        assertThat(TxtStrings.values(List.of("\"v=STSv1; id=1;\"", "\"v=STSv1; \" \"id=2;\"", "plain")))
                .containsExactly("v=STSv1; id=1;", "v=STSv1; id=2;", "plain");
        assertThat(TxtStrings.value("\"a\\\"b\\\\c\\059d\"")).isEqualTo("a\"b\\c;d");
    }
}
