package org.imsajames.tlsengine;

import com.google.inject.AbstractModule;

/**
 * For {@code guice.extension.module} in James's extensions.properties (the generator adds it): James instantiates it
 * while it wires its servers, before any of them reads its keystore and builds its SSLContext, so the engine chosen
 * by {@code imsajames.tls.incoming.engine} is in place first: with {@code native}, the private key James loads is
 * the native provider's own object (an RSA signature then runs about 1.3x faster than with the key the JDK loaded);
 * with {@code jdk}, it only logs that the JDK's crypto is used. Binds nothing.
 */
public final class NativeTlsModule extends AbstractModule {
    public NativeTlsModule() {
        IncomingTlsEngine.applyOnce(IncomingTlsEngine.Caller.MODULE);
    }
}
