package org.imsajames.james;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A minimal smtpserver.xml for the in-JVM-free James tests, built around the handler chain under test. */
public final class SmtpServerXml {
    private SmtpServerXml() {
    }

    /** Writes xml as James's smtpserver.xml under home (conf/smtpserver.xml), creating conf/ if needed. */
    public static void writeInto(Path home, String xml) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/smtpserver.xml"), xml);
    }

    /**
     * @param port       SMTP port on 127.0.0.1
     * @param tls        the {@code <tls .../>} element
     * @param ourHandlers {@code <handler>} elements placed before James's core handlers
     */
    public static String of(int port, String tls, String ourHandlers) {
        return of(port, tls, ourHandlers, "");
    }

    /** As above, with more {@code <smtpserver>} settings, e.g. {@code <proxyRequired>true</proxyRequired>}. */
    public static String of(int port, String tls, String ourHandlers, String moreSettings) {
        return "<?xml version=\"1.0\"?>\n"
            + "<smtpservers>\n"
            + "  <smtpserver enabled=\"true\">\n"
            + "    <jmxName>smtpserver</jmxName>\n"
            + "    <bind>127.0.0.1:" + port + "</bind>\n"
            + "    <connectionBacklog>200</connectionBacklog>\n"
            + "    " + tls + "\n"
            + "    <connectiontimeout>360</connectiontimeout>\n"
            + "    <connectionLimit>0</connectionLimit>\n"
            + "    <connectionLimitPerIP>0</connectionLimitPerIP>\n"
            + "    <auth><announce>always</announce><requireSSL>true</requireSSL></auth>\n"
            + "    <authorizedAddresses>127.0.0.0/8</authorizedAddresses>\n"
            + "    <maxmessagesize>0</maxmessagesize>\n"
            + moreSettings
            + "    <handlerchain>\n"
            + ourHandlers + "\n"
            + "      <handler class=\"org.apache.james.smtpserver.CoreCmdHandlerLoader\"/>\n"
            + "    </handlerchain>\n"
            + "  </smtpserver>\n"
            + "</smtpservers>\n";
    }

    public static String noTls() {
        return "<tls socketTLS=\"false\" startTLS=\"false\"/>";
    }

    public static String startTls(String keystoreFile, String secret) {
        return "<tls socketTLS=\"false\" startTLS=\"true\">"
            + "<keystore>file://conf/" + keystoreFile + "</keystore>"
            + "<keystoreType>PKCS12</keystoreType>"
            + "<secret>" + secret + "</secret>"
            + "<supportedProtocols><protocol>TLSv1.3</protocol><protocol>TLSv1.2</protocol></supportedProtocols>"
            + "</tls>";
    }
}
