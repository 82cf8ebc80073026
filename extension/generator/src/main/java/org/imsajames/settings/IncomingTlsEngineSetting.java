package org.imsajames.settings;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code tls.incoming.engine}: the crypto under James's incoming TLS. {@code native} registers a native JCA provider
 * (Amazon Corretto Crypto Provider) first, where its library loads; {@code jdk} keeps the JDK's own. The TLS
 * protocol code, the protocols and the cipher suites are the JDK's and the settings' either way.
 */
public enum IncomingTlsEngineSetting {
    JDK, NATIVE;

    public static Optional<IncomingTlsEngineSetting> fromSetting(String text) {
        for (IncomingTlsEngineSetting engine : values()) {
            if (engine.settingValue().equals(text)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    /** The word in the settings file and in jvm.properties. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
