package org.imsajames.generator;

import java.io.ByteArrayInputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.HierarchicalConfiguration;
import org.apache.commons.configuration2.XMLConfiguration;
import org.apache.commons.configuration2.builder.FileBasedConfigurationBuilder;
import org.apache.commons.configuration2.builder.fluent.Parameters;
import org.apache.commons.configuration2.convert.DisabledListDelimiterHandler;
import org.apache.commons.configuration2.io.FileHandler;
import org.apache.commons.configuration2.tree.ImmutableNode;

/** Reads generated XML back the way James 3.8.1 does (FileConfigurationProvider, MailetConfigImpl). */
final class JamesXml {
    private JamesXml() {
    }

    static XMLConfiguration read(byte[] xml) throws Exception {
        FileBasedConfigurationBuilder<XMLConfiguration> builder = new FileBasedConfigurationBuilder<>(XMLConfiguration.class)
                .configure(new Parameters().xml().setListDelimiterHandler(new DisabledListDelimiterHandler()));
        XMLConfiguration configuration = builder.getConfiguration();
        new FileHandler(configuration).load(new ByteArrayInputStream(xml));
        return configuration;
    }

    static HierarchicalConfiguration<ImmutableNode> smtpServer(XMLConfiguration smtpServers, String jmxName) {
        return smtpServers.configurationsAt("smtpserver").stream()
                .filter(server -> jmxName.equals(server.getString("jmxName")))
                .findFirst().orElseThrow(() -> new AssertionError("no smtpserver " + jmxName));
    }

    static List<String> handlerClasses(HierarchicalConfiguration<ImmutableNode> server) {
        return server.configurationsAt("handlerchain.handler").stream()
                .map(handler -> handler.getString("[@class]")).collect(Collectors.toList());
    }

    /** The RemoteDelivery mailets' init parameters, named as the mailet sees them ("mail.smtp.ssl.trust"). */
    static List<Map<String, String>> remoteDeliveryParameters(XMLConfiguration mailetContainer) {
        return mailetContainer.configurationsAt("processors.processor.mailet").stream()
                .filter(mailet -> mailet.getString("[@class]").endsWith("RemoteDelivery"))
                .map(JamesXml::initParameters).collect(Collectors.toList());
    }

    private static Map<String, String> initParameters(HierarchicalConfiguration<ImmutableNode> mailet) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (Iterator<String> keys = mailet.getKeys(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.startsWith("[@")) {
                // James's MailetConfigImpl turns the escaped dots of element names back into dots.
                parameters.put(key.replace("..", "."), mailet.getString(key));
            }
        }
        return parameters;
    }
}
