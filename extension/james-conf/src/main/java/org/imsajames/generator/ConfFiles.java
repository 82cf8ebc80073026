package org.imsajames.generator;

import java.util.List;

/**
 * The published layout of a James conf folder. Each generation is a folder of its own, and one relative symlink,
 * {@code imsa/current}, says which generation is in force; James's own names are relative symlinks through it:
 *
 * <pre>
 * conf/smtpserver.xml      -> imsa/current/smtpserver.xml
 * conf/mailetcontainer.xml -> imsa/current/mailetcontainer.xml
 * conf/jvm.properties      -> imsa/current/jvm.properties
 * conf/extensions.properties -> imsa/current/extensions.properties
 * conf/imsa/current        -> generations/ID
 * conf/imsa/generations/ID/{smtpserver.xml, mailetcontainer.xml, jvm.properties, extensions.properties,
 *                           connection-control.list, keystore.p12}
 * </pre>
 */
public final class ConfFiles {
    static final String SMTP_SERVER = "smtpserver.xml";
    static final String MAILET_CONTAINER = "mailetcontainer.xml";
    static final String JVM_PROPERTIES = "jvm.properties";
    /** James's extensions.properties: the operator's lines, and our NativeTlsModule in guice.extension.module. */
    static final String EXTENSIONS_PROPERTIES = "extensions.properties";
    static final String CONNECTION_CONTROL_LIST = "connection-control.list";
    static final String KEYSTORE = "keystore.p12";
    /** "tlsOnly=true|false", watched by TlsOnlyHandler (written with incoming TLS). */
    static final String TLS_ONLY = "tls-only.properties";
    /** In a generation saved by the Connections screen: who, when, what changed. */
    static final String AUDIT = "audit.json";

    /** James's own file names, linked into the current generation; smtpserver.xml, which refers to the rest, last. */
    static final List<String> LINKED = List.of(MAILET_CONTAINER, JVM_PROPERTIES, EXTENSIONS_PROPERTIES, SMTP_SERVER);

    /**
     * Of {@link #LINKED}, the ones a folder may lack before its conversion: a stand-in James reads as "none" takes
     * their place in the generation made of the files as found.
     */
    static final List<String> OPTIONAL = List.of(JVM_PROPERTIES, EXTENSIONS_PROPERTIES);

    /** Of {@link #LINKED}, the names generations did not have at first: a folder that has generations but not
     * these as links needs no conversion for them. */
    static final List<String> ADDED_LATER = List.of(EXTENSIONS_PROPERTIES);

    static final String IMSA_FOLDER = "imsa";
    /** Also read by the handlers: a list file in a folder under it is one that a generation published. */
    public static final String GENERATIONS = "generations";
    static final String CURRENT = "current";
    static final String LOCK = ".lock";
    /**
     * Names the generation between its rename into generations/ and the switch of current: if current does not
     * point to it, it was never in force (a run killed between the two) and is no version of the history.
     */
    static final String PENDING = ".pending";
    /** Everything a run makes before it is in place starts so; what a killed run left is removed by the next. */
    static final String STAGING_PREFIX = ".staging-";
    /** Temporary symlinks in conf/ itself, renamed over James's file names. */
    static final String LINK_PREFIX = ".imsa-link-";

    /** Names of the single-folder layout before generations: moved aside (as backups) on the first run. */
    static final String LEGACY_LIST = "imsa-connection-control.list";
    static final String LEGACY_KEYSTORE = "imsa-keystore.p12";

    private ConfFiles() {
    }

    /** James resolves "file://conf/..." against its own conf folder, wherever that is; this goes through current. */
    static String jamesUrl(String fileName) {
        return "file://conf/" + IMSA_FOLDER + "/" + CURRENT + "/" + fileName;
    }

    static String legacyJamesUrl(String fileName) {
        return "file://conf/" + fileName;
    }

    /** What conf/NAME points at. */
    static String linkText(String fileName) {
        return IMSA_FOLDER + "/" + CURRENT + "/" + fileName;
    }
}
