package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.imsajames.handlerconf.HandlerVocabulary;
import org.junit.jupiter.api.Test;

/** The generator writes the handler class names as strings: each must name the class James will load. */
class HandlerVocabularyTest {
    @Test
    void eachHandlerClassNameNamesOurHandler() {
        assertThat(HandlerVocabulary.CONNECTION_CONTROL_HANDLER).isEqualTo(ConnectionControlHandler.class.getName());
        assertThat(HandlerVocabulary.TLS_ONLY_HANDLER).isEqualTo(TlsOnlyHandler.class.getName());
        assertThat(HandlerVocabulary.PER_IP_HANDLER).isEqualTo(ConnectionsPerIpHandler.class.getName());
        assertThat(HandlerVocabulary.NATIVE_TLS_MODULE)
            .isEqualTo(org.imsajames.tlsengine.NativeTlsModule.class.getName());
    }
}
