package org.imsajames.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SmtpServerXmlTest {
    private static final String OUR_HANDLER = "<handler class=\"org.imsajames.smtp.ConnectionControlHandler\">"
        + "<policy>accept-all-except</policy></handler>";

    @Test
    void testsFormBindsLoopbackWithOurHandlersBeforeJamesCoreHandlers() throws Exception {
        Document xml = parse(SmtpServerXml.of(2525, SmtpServerXml.noTls(), OUR_HANDLER, "<proxyRequired>true</proxyRequired>\n"));
        XPath path = XPathFactory.newInstance().newXPath();

        assertThat(path.evaluate("/smtpservers/smtpserver/bind", xml)).isEqualTo("127.0.0.1:2525");
        assertThat(path.evaluate("/smtpservers/smtpserver/tls/@startTLS", xml)).isEqualTo("false");
        assertThat(path.evaluate("/smtpservers/smtpserver/proxyRequired", xml)).isEqualTo("true");
        assertThat(path.evaluate("/smtpservers/smtpserver/auth/requireSSL", xml)).isEqualTo("true");
        NodeList handlers = (NodeList) path.evaluate("/smtpservers/smtpserver/handlerchain/handler/@class", xml,
            XPathConstants.NODESET);
        assertThat(handlers.getLength()).isEqualTo(2);
        assertThat(handlers.item(0).getNodeValue()).isEqualTo("org.imsajames.smtp.ConnectionControlHandler");
        assertThat(handlers.item(1).getNodeValue()).isEqualTo("org.apache.james.smtpserver.CoreCmdHandlerLoader");
    }

    @Test
    void builderChangesOnlyWhatItIsTold() throws Exception {
        Document xml = parse(SmtpServerXml.builder(2526).connectionBacklog(1024)
            .tls(SmtpServerXml.startTls("keystore.p12", "s3cret")).helloName("bench.localdomain").withoutAuth().build());
        XPath path = XPathFactory.newInstance().newXPath();

        assertThat(path.evaluate("/smtpservers/smtpserver/connectionBacklog", xml)).isEqualTo("1024");
        assertThat(path.evaluate("/smtpservers/smtpserver/helloName", xml)).isEqualTo("bench.localdomain");
        assertThat(path.evaluate("/smtpservers/smtpserver/helloName/@autodetect", xml)).isEqualTo("false");
        assertThat(path.evaluate("count(/smtpservers/smtpserver/auth)", xml)).isEqualTo("0");
        assertThat(path.evaluate("/smtpservers/smtpserver/tls/keystore", xml)).isEqualTo("file://conf/keystore.p12");
        assertThat(path.evaluate("/smtpservers/smtpserver/tls/secret", xml)).isEqualTo("s3cret");
        assertThat(path.evaluate("/smtpservers/smtpserver/tls/supportedProtocols/protocol[1]", xml)).isEqualTo("TLSv1.3");
        assertThat(path.evaluate("count(/smtpservers/smtpserver/handlerchain/handler)", xml)).isEqualTo("1");
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
