package org.imsajames.settings;

import java.util.Optional;

import org.imsajames.outgoing.MtaStsSetting;

/** {@code tls.outgoing.mtaSts}: off | testing | enforce, default testing (RFC 8461's advice for a new sender). */
final class MtaStsSettingReader {
    private MtaStsSettingReader() {
    }

    static MtaStsSetting read(YamlSection outgoing, String key) throws SettingsException {
        Optional<Located<String>> written = outgoing.text(key);
        if (written.isEmpty()) {
            return MtaStsSetting.TESTING;
        }
        try {
            return MtaStsSetting.fromParameter(written.get().value());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(written.get().origin(), outgoing.keyPath(key) + " '" + written.get().value()
                    + "' is not off, testing or enforce");
        }
    }
}
