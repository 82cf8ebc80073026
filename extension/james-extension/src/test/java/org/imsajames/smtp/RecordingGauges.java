package org.imsajames.smtp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.james.metrics.api.Gauge;
import org.apache.james.metrics.api.GaugeRegistry;

/** A GaugeRegistry that refuses a name twice, as James's DropWizard one does, and lets tests read the gauges. */
final class RecordingGauges implements GaugeRegistry {
    final Map<String, Gauge<?>> gauges = new ConcurrentHashMap<>();

    @Override
    public <T> GaugeRegistry register(String name, Gauge<T> gauge) {
        if (gauges.putIfAbsent(name, gauge) != null) {
            throw new IllegalArgumentException("A metric named " + name + " already exists");
        }
        return this;
    }

    @Override
    public <T> SettableGauge<T> settableGauge(String name) {
        throw new UnsupportedOperationException("not used");
    }
}
