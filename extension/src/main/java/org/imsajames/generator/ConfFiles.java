package org.imsajames.generator;

/** The files the generator writes into a James conf folder, and how James's configuration refers to them. */
final class ConfFiles {
    static final String SMTP_SERVER = "smtpserver.xml";
    static final String MAILET_CONTAINER = "mailetcontainer.xml";
    static final String CONNECTION_CONTROL_LIST = "imsa-connection-control.list";
    static final String KEYSTORE = "imsa-keystore.p12";

    private ConfFiles() {
    }

    /** James resolves "file://conf/NAME" against its own conf folder, wherever that is. */
    static String jamesUrl(String fileName) {
        return "file://conf/" + fileName;
    }
}
