package org.imsajames.settings;

import java.util.Objects;

/** A settings value with where it was written ("settings.yaml:12"), so later checks can point at the line. */
public final class Located<T> {
    private final T value;
    private final String origin;

    public Located(T value, String origin) {
        this.value = Objects.requireNonNull(value, "value");
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    public T value() {
        return value;
    }

    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return origin + ": " + value;
    }
}
