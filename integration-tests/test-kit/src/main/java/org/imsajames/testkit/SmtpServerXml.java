package org.imsajames.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A minimal smtpserver.xml built around the handler chain under test: one server on 127.0.0.1, relaying for
 * 127.0.0.0/8, no limits. {@link #of} gives the tests' usual form; {@link #builder} changes what differs.
 */
public final class SmtpServerXml {
    private final int port;
    private String tls = noTls();
    private String handlers = "";
    private String moreSettings = "";
    private int connectionBacklog = 200;
    private String helloName;
    private boolean auth = true;

    private SmtpServerXml(int port) {
        this.port = port;
    }

    public static SmtpServerXml builder(int port) {
        return new SmtpServerXml(port);
    }

    /**
     * @param port        SMTP port on 127.0.0.1
     * @param tls         the {@code <tls .../>} element
     * @param ourHandlers {@code <handler>} elements placed before James's core handlers
     */
    public static String of(int port, String tls, String ourHandlers) {
        return builder(port).tls(tls).handlers(ourHandlers).build();
    }

    /** As above, with more {@code <smtpserver>} settings, e.g. {@code <proxyRequired>true</proxyRequired>}. */
    public static String of(int port, String tls, String ourHandlers, String moreSettings) {
        return builder(port).tls(tls).handlers(ourHandlers).settings(moreSettings).build();
    }

    /** Writes xml as James's smtpserver.xml under home (conf/smtpserver.xml), creating conf/ if needed. */
    public static void writeInto(Path home, String xml) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/smtpserver.xml"), xml);
    }

    public static String noTls() {
        return "<tls socketTLS=\"false\" startTLS=\"false\"/>";
    }

    /** STARTTLS with a PKCS12 keystore in conf/, TLS 1.3 and 1.2 only. */
    public static String startTls(String keystoreFile, String secret) {
        return "<tls socketTLS=\"false\" startTLS=\"true\">"
            + "<keystore>file://conf/" + keystoreFile + "</keystore>"
            + "<keystoreType>PKCS12</keystoreType>"
            + "<secret>" + secret + "</secret>"
            + "<supportedProtocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></supportedProtocols>"
            + "</tls>";
    }

    /** The {@code <tls .../>} element; {@link #noTls()} by default. */
    public SmtpServerXml tls(String tlsElement) {
        this.tls = tlsElement;
        return this;
    }

    /** {@code <handler>} elements placed before James's core handlers. */
    public SmtpServerXml handlers(String ourHandlers) {
        this.handlers = ourHandlers;
        return this;
    }

    /** More {@code <smtpserver>} settings, e.g. {@code <proxyRequired>true</proxyRequired>}. */
    public SmtpServerXml settings(String moreSettings) {
        this.moreSettings = moreSettings;
        return this;
    }

    public SmtpServerXml connectionBacklog(int backlog) {
        this.connectionBacklog = backlog;
        return this;
    }

    /** A fixed hello name instead of James's default (which looks the machine's name up). */
    public SmtpServerXml helloName(String name) {
        this.helloName = name;
        return this;
    }

    /** Leaves out the {@code <auth>} element (announce always, SSL required) the tests' servers have. */
    public SmtpServerXml withoutAuth() {
        this.auth = false;
        return this;
    }

    public String build() {
        return "<?xml version=\"1.0\"?>\n"
            + "<smtpservers>\n"
            + "  <smtpserver enabled=\"true\">\n"
            + "    <jmxName>smtpserver</jmxName>\n"
            + "    <bind>127.0.0.1:" + port + "</bind>\n"
            + "    <connectionBacklog>" + connectionBacklog + "</connectionBacklog>\n"
            + "    " + tls + "\n"
            + (helloName == null ? "" : "    <helloName autodetect=\"false\">" + helloName + "</helloName>\n")
            + "    <connectiontimeout>360</connectiontimeout>\n"
            + "    <connectionLimit>0</connectionLimit>\n"
            + "    <connectionLimitPerIP>0</connectionLimitPerIP>\n"
            + (auth ? "    <auth><announce>always</announce><requireSSL>true</requireSSL></auth>\n" : "")
            + "    <authorizedAddresses>127.0.0.0/8</authorizedAddresses>\n"
            + "    <maxmessagesize>0</maxmessagesize>\n"
            + moreSettings
            + "    <handlerchain>\n"
            + handlers + "\n"
            + "      <handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>\n"
            + "    </handlerchain>\n"
            + "  </smtpserver>\n"
            + "</smtpservers>\n";
    }

    /** Writes {@link #build()} into HOME/conf/smtpserver.xml. */
    public void writeInto(Path home) throws IOException {
        writeInto(home, build());
    }
}
