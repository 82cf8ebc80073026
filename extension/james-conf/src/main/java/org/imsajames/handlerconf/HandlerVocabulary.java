package org.imsajames.handlerconf;

/**
 * The words of our {@code <handler>} elements in smtpserver.xml, defined once: the generator writes them, the
 * handlers inside James read them. A class name here is a string (the generator does not load the handlers);
 * a test in the drop-in jar's module checks each one against the class it names.
 */
public final class HandlerVocabulary {
    /** The {@code jmxName} of the one SMTP server imsa-james owns. */
    public static final String OWNED_SERVER_JMX_NAME = "imsa-smtp";

    public static final String CONNECTION_CONTROL_HANDLER = "org.imsajames.smtp.ConnectionControlHandler";
    public static final String TLS_ONLY_HANDLER = "org.imsajames.smtp.TlsOnlyHandler";
    public static final String PER_IP_HANDLER = "org.imsajames.smtp.ConnectionsPerIpHandler";

    // ConnectionControlHandler
    /** The mode, when it is not in the list file's {@code #! policy} line. */
    public static final String POLICY = "policy";
    public static final String ENTRY = "entry";
    public static final String LIST_FILE = "listFile";
    public static final String TRUSTED_PROXY = "trustedProxy";
    public static final String MAX_SHRINK_PERCENT = "maxShrinkPercent";
    public static final int DEFAULT_MAX_SHRINK_PERCENT = 50;
    public static final String MAX_FILE_BYTES = "maxFileBytes";
    public static final String MAX_LINE_LENGTH = "maxLineLength";
    public static final String WATCH_INTERVAL = "watchIntervalMillis";
    public static final long DEFAULT_WATCH_INTERVAL_MILLIS = 500;
    public static final String READ_TIMEOUT = "readTimeoutSeconds";
    public static final long DEFAULT_READ_TIMEOUT_SECONDS = 30;
    public static final String REFUSAL_LOG_INTERVAL = "refusalLogIntervalSeconds";
    public static final long DEFAULT_REFUSAL_LOG_INTERVAL_SECONDS = 60;

    /** What the generator writes: the Connections screen's changes are then in force within a second. */
    public static final long GENERATED_WATCH_INTERVAL_MILLIS = 200;

    // TlsOnlyHandler
    /** The watched tls-only.properties ("tlsOnly=true|false"); without it the handler always enforces. */
    public static final String TLS_ONLY_STATE_FILE = "stateFile";
    public static final String TLS_ONLY_WATCH_INTERVAL = "watchIntervalMillis";
    public static final long DEFAULT_TLS_ONLY_WATCH_INTERVAL_MILLIS = 250;

    /**
     * The system property (conf/jvm.properties) that chooses the crypto under incoming TLS: {@code jdk} or
     * {@code native}; read by org.imsajames.tlsengine.IncomingTlsEngine.
     */
    public static final String INCOMING_TLS_ENGINE_PROPERTY = "imsajames.tls.incoming.engine";

    /**
     * The Guice module the generator adds to {@code guice.extension.module} in conf/extensions.properties: it applies
     * that engine before James reads its keystores.
     */
    public static final String NATIVE_TLS_MODULE = "org.imsajames.tlsengine.NativeTlsModule";

    // ConnectionsPerIpHandler
    public static final String MAX_CONNECTIONS_PER_IP = "maxConnectionsPerIp";

    private HandlerVocabulary() {
    }
}
