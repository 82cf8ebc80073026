package org.imsajames.tlsengine;

import com.google.inject.AbstractModule;

/**
 * For {@code guice.extension.module} in James's extensions.properties: James instantiates it while it wires its
 * servers, before any of them builds its SSLContext. Only a provider that replaces the JDK's TLS engine (Conscrypt,
 * in the benchmarks' comparison) needs to be registered that early; the shipped engine does not, our handlers
 * register it before the first handshake. Binds nothing.
 */
public final class NativeTlsModule extends AbstractModule {
    public NativeTlsModule() {
        IncomingTlsEngine.applyOnce();
    }
}
