package org.imsajames.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceRangeTest {
    @Test
    void rotatesThroughTheRange() {
        SourceRange range = SourceRange.parse("127.1.0.0/22");

        assertThat(range.size()).isEqualTo(1024);
        assertThat(range.address(0).getHostAddress()).isEqualTo("127.1.0.0");
        assertThat(range.address(1023).getHostAddress()).isEqualTo("127.1.3.255");
        assertThat(range.address(1024).getHostAddress()).isEqualTo("127.1.0.0");
    }

    @Test
    void singleAddress() {
        assertThat(SourceRange.parse("127.0.0.1").address(5).getHostAddress()).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesAnythingButLoopback() {
        for (String outside : new String[] {"10.0.0.0/8", "192.168.1.1", "126.255.255.255", "::1", "0.0.0.0/0"}) {
            assertThatThrownBy(() -> SourceRange.parse(outside)).as(outside)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.0/8");
        }
        assertThatThrownBy(() -> SourceRange.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SourceRange.parse("127.0.0.0/8")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("65536");
    }
}
