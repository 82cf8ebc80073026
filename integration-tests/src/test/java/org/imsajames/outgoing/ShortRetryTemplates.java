package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The project's XML templates with RemoteDelivery retrying after one second, twice: a bounce within a test. */
final class ShortRetryTemplates {
    private ShortRetryTemplates() {
    }

    /** Writes the templates into WORK/templates and returns that folder (for generate's --templates). */
    static Path writeInto(Path work) throws IOException {
        Path templates = Files.createDirectories(work.resolve("templates"));
        Path project = Paths.get(System.getProperty("imsa.project.dir"), "conf-templates");
        Files.copy(project.resolve("smtpserver.xml"), templates.resolve("smtpserver.xml"));
        String mailets = Files.readString(project.resolve("mailetcontainer.xml"), UTF_8);
        String shortened = mailets.replace("<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>1000</delayTime>")
                .replace("<maxRetries>3</maxRetries>", "<maxRetries>2</maxRetries>");
        assertThat(shortened).as("template retry settings").isNotEqualTo(mailets).contains("<delayTime>1000<");
        Files.writeString(templates.resolve("mailetcontainer.xml"), shortened, UTF_8);
        return templates;
    }
}
