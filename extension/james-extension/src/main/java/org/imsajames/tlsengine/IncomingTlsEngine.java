package org.imsajames.tlsengine;

import java.security.Provider;
import java.security.Security;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.imsajames.handlerconf.HandlerVocabulary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the crypto under James's incoming TLS, once per JVM, from the system property
 * {@value #ENGINE_PROPERTY} ({@code jdk} or {@code native}, default {@code native}) that the generator writes into
 * conf/jvm.properties from the settings key {@code tls.incoming.engine}.
 *
 * <p>{@code native} registers a native JCA provider first in the provider list. The JDK's TLS engine asks the JCA
 * for a signature, a key agreement and a cipher at every handshake, so from then on those run in native code,
 * while the TLS protocol code, the protocol list and the cipher suites James was configured with stay the JDK's.
 * Where the provider's jar or native library does not load, James goes on with the JDK's crypto after one WARN
 * line: the choice of engine never stops James from starting.
 *
 * <p>Runs first from {@link NativeTlsModule} (named in conf/extensions.properties, which the generator writes):
 * James instantiates it before any SMTP server reads its keystore, so the private key James loads is the native
 * provider's own object. Our handlers call it too, as a fallback where that line is missing: James loads the
 * handler chain after it has read the keystore but before it binds the port, so the handshakes still run on the
 * native provider, but an RSA key is the JDK's object, converted at every signature, and gains nothing; the log
 * line says which of the two registered it.
 */
public final class IncomingTlsEngine {
    public static final String ENGINE_PROPERTY = HandlerVocabulary.INCOMING_TLS_ENGINE_PROPERTY;
    /** Which native provider; only for the benchmarks' comparison of candidates (default accp). */
    public static final String PROVIDER_PROPERTY = "imsajames.tls.nativeProvider";

    private static final Logger LOGGER = LoggerFactory.getLogger(IncomingTlsEngine.class);
    private static final AtomicBoolean CHOSEN = new AtomicBoolean();

    private IncomingTlsEngine() {
    }

    /** Who applies the engine: it decides whether James's keystores are read after the provider is registered. */
    public enum Caller {
        MODULE("before James read its keystores (" + NativeTlsModule.class.getName() + ")"),
        HANDLERS("by our handlers, after James read its keystores: an RSA key gains nothing; "
            + HandlerVocabulary.NATIVE_TLS_MODULE + " in guice.extension.module of conf/extensions.properties"
            + " (imsa-james generate writes it) registers it before");

        final String when;

        Caller(String when) {
            this.when = when;
        }
    }

    /** Applies the configured engine the first time it is called; later calls do nothing. */
    public static void applyOnce(Caller caller) {
        if (CHOSEN.compareAndSet(false, true)) {
            apply(System.getProperty(ENGINE_PROPERTY, "native"), System.getProperty(PROVIDER_PROPERTY, "accp"), caller);
        }
    }

    static void apply(String engine, String providerName) {
        apply(engine, providerName, Caller.MODULE);
    }

    static void apply(String engine, String providerName, Caller caller) {
        String choice = engine.trim().toLowerCase(Locale.ROOT);
        if ("jdk".equals(choice)) {
            LOGGER.info("Incoming TLS on the JDK's crypto ({}=jdk)", ENGINE_PROPERTY);
            return;
        }
        if (!"native".equals(choice)) {
            LOGGER.warn("Incoming TLS on the JDK's crypto: {}={} is neither jdk nor native", ENGINE_PROPERTY,
                LogText.cut(engine));
            return;
        }
        NativeProvider candidate = NativeProvider.named(providerName);
        if (candidate == null) {
            LOGGER.warn("Incoming TLS on the JDK's crypto: {}={} names no native provider we know (accp, conscrypt)",
                PROVIDER_PROPERTY, LogText.cut(providerName));
            return;
        }
        NativeProvider.Loaded loaded = candidate.load(IncomingTlsEngine.class.getClassLoader());
        if (loaded.provider == null) {
            LOGGER.warn("Incoming TLS on the JDK's crypto: the native provider {} did not load ({}); "
                + "tls.incoming.engine: jdk chooses the JDK's crypto without this warning", candidate.description(),
                LogText.cut(loaded.failure));
            return;
        }
        Provider provider = loaded.provider;
        if (Security.getProvider(provider.getName()) == null) {
            Security.insertProviderAt(provider, 1);
        }
        LOGGER.info("Incoming TLS with native crypto: {} {} registered first ({}), {}", provider.getName(),
            provider.getVersionStr(), candidate.description(), caller.when);
    }
}
