package org.imsajames.settings;

import java.util.Objects;

/** A password from the settings; its toString never shows the value, so it cannot leak through a log line. */
public final class Secret {
    private final String value;

    public Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    public char[] toCharArray() {
        return value.toCharArray();
    }

    @Override
    public String toString() {
        return "[secret]";
    }
}
