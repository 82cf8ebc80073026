package org.imsajames.tlsengine;

import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.util.Locale;

/**
 * The native JCA providers we can register, found by class name so that the drop-in jar links without them: the
 * provider's jar sits beside ours in extensions-jars/ and may be missing, or its native library may not load on
 * this machine.
 */
enum NativeProvider {
    /** Amazon Corretto Crypto Provider (AWS-LC): signatures, ECDH/XDH, AES-GCM; the one we ship and measure. */
    ACCP("accp", "Amazon Corretto Crypto Provider, AWS-LC") {
        @Override
        Loaded load(ClassLoader loader) {
            try {
                Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider",
                    true, loader);
                Provider provider = (Provider) type.getField("INSTANCE").get(null);
                Object error = type.getMethod("getLoadingError").invoke(provider);
                if (error != null) {
                    return Loaded.failed(describe((Throwable) error));
                }
                // Runs its self-tests now, not at the first handshake.
                type.getMethod("assertHealthy").invoke(provider);
                return Loaded.ok(provider);
            } catch (InvocationTargetException e) {
                return Loaded.failed(describe(e.getCause()));
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return Loaded.failed(describe(e));
            }
        }
    },
    /** Conscrypt (BoringSSL), a full TLS provider; only measured against ACCP by the benchmarks. */
    CONSCRYPT("conscrypt", "Conscrypt, BoringSSL") {
        @Override
        Loaded load(ClassLoader loader) {
            try {
                Class<?> type = Class.forName("org.conscrypt.Conscrypt", true, loader);
                if (!(Boolean) type.getMethod("isAvailable").invoke(null)) {
                    return Loaded.failed("its native library is not available");
                }
                return Loaded.ok((Provider) type.getMethod("newProvider").invoke(null));
            } catch (InvocationTargetException e) {
                return Loaded.failed(describe(e.getCause()));
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return Loaded.failed(describe(e));
            }
        }
    };

    private final String key;
    private final String description;

    NativeProvider(String key, String description) {
        this.key = key;
        this.description = description;
    }

    static NativeProvider named(String key) {
        String wanted = key == null ? "" : key.trim().toLowerCase(Locale.ROOT);
        for (NativeProvider provider : values()) {
            if (provider.key.equals(wanted)) {
                return provider;
            }
        }
        return null;
    }

    String description() {
        return description;
    }

    abstract Loaded load(ClassLoader loader);

    private static String describe(Throwable failure) {
        if (failure == null) {
            return "no reason given";
        }
        if (failure instanceof ClassNotFoundException || failure instanceof NoClassDefFoundError) {
            return "its jar is not in extensions-jars/: " + failure.getMessage();
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    /** A provider ready to register, or why there is none. */
    static final class Loaded {
        final Provider provider;
        final String failure;

        private Loaded(Provider provider, String failure) {
            this.provider = provider;
            this.failure = failure;
        }

        static Loaded ok(Provider provider) {
            return new Loaded(provider, null);
        }

        static Loaded failed(String failure) {
            return new Loaded(null, failure);
        }
    }
}
