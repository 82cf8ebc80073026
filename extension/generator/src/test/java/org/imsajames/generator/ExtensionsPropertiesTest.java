package org.imsajames.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.apache.commons.configuration2.convert.DefaultListDelimiterHandler;
import org.junit.jupiter.api.Test;

/**
 * Our module added to the operator's conf/extensions.properties. Each result is also read the way James 3.8.1 reads
 * the file (commons-configuration2's PropertiesConfiguration with ',' as the list delimiter, getStringArray), so
 * "the operator's modules and ours, once each" is checked as James sees it.
 */
class ExtensionsPropertiesTest {
    private static final String OURS = "org.imsajames.tlsengine.NativeTlsModule";

    @Test
    void noFileGivesOneWithOurModule() throws Exception {
        ExtensionsProperties.Rendered rendered = ExtensionsProperties.render(null);

        assertThat(modulesAsJamesReadsThem(rendered)).containsExactly(OURS);
        assertThat(rendered.change).hasValue("extensions.properties: written with guice.extension.module=" + OURS);
    }

    @Test
    void anOperatorsModuleListGainsOursAtItsEndAndEveryOtherLineStays() throws Exception {
        String existing = "# my extensions\n"
                + "guice.extension.module=com.example.RateLimits, com.example.Audit\n"
                + "guice.extension.startable=com.example.Warmer\n";

        ExtensionsProperties.Rendered rendered = ExtensionsProperties.render(existing);

        assertThat(text(rendered)).isEqualTo("# my extensions\n"
                + "guice.extension.module=com.example.RateLimits, com.example.Audit," + OURS + "\n"
                + "guice.extension.startable=com.example.Warmer\n");
        assertThat(modulesAsJamesReadsThem(rendered)).containsExactly("com.example.RateLimits", "com.example.Audit",
                OURS);
        assertThat(rendered.change).hasValueSatisfying(change -> assertThat(change)
                .contains("added " + OURS + " to the operator's guice.extension.module (line 2)"));
    }

    @Test
    void ourModuleAlreadyListedChangesNothing() {
        for (String existing : List.of("guice.extension.module=" + OURS + "\n",
                "guice.extension.module = com.example.A ,  " + OURS + "  \n# end",
                "guice.extension.module: com.example.A,\\\n    " + OURS + "\n",
                "guice.extension.module=com.example.A\nguice.extension.module=" + OURS + "\n")) {
            ExtensionsProperties.Rendered rendered = ExtensionsProperties.render(existing);

            assertThat(text(rendered)).as(existing).isEqualTo(existing);
            assertThat(rendered.change).as(existing).isEmpty();
        }
    }

    @Test
    void renderingTwiceAddsOursOnce() throws Exception {
        String once = text(ExtensionsProperties.render("guice.extension.module=com.example.A\n"));

        ExtensionsProperties.Rendered twice = ExtensionsProperties.render(once);

        assertThat(text(twice)).isEqualTo(once);
        assertThat(twice.change).isEmpty();
        assertThat(modulesAsJamesReadsThem(twice)).containsExactly("com.example.A", OURS);
    }

    @Test
    void aContinuedListGainsOursOnItsLastLine() throws Exception {
        String existing = "guice.extension.module=com.example.A,\\\n  com.example.B\nother=1\n";

        ExtensionsProperties.Rendered rendered = ExtensionsProperties.render(existing);

        assertThat(text(rendered)).isEqualTo("guice.extension.module=com.example.A,\\\n  com.example.B," + OURS
                + "\nother=1\n");
        assertThat(modulesAsJamesReadsThem(rendered)).containsExactly("com.example.A", "com.example.B", OURS);
    }

    @Test
    void aListEndingWithACommaGetsNoEmptyElement() throws Exception {
        ExtensionsProperties.Rendered rendered = ExtensionsProperties.render("guice.extension.module=com.example.A,\n");

        assertThat(modulesAsJamesReadsThem(rendered)).containsExactly("com.example.A", OURS);
    }

    @Test
    void anEmptyListBecomesOurs() throws Exception {
        for (String existing : List.of("guice.extension.module=\n", "guice.extension.module\n",
                "guice.extension.module =   \n")) {
            ExtensionsProperties.Rendered rendered = ExtensionsProperties.render(existing);

            assertThat(text(rendered)).as(existing).isEqualTo("guice.extension.module=" + OURS + "\n");
            assertThat(modulesAsJamesReadsThem(rendered)).containsExactly(OURS);
        }
    }

    @Test
    void aFileWithoutTheKeyGetsALineOfItsOwnAtTheEnd() throws Exception {
        // James's own sample extensions.properties: only comments, the key commented out.
        String sample = "# This files enables customization of users extensions injections with guice.\n"
                + "#guice.extension.module=\n";

        ExtensionsProperties.Rendered rendered = ExtensionsProperties.render(sample);

        assertThat(text(rendered)).startsWith(sample).endsWith("\nguice.extension.module=" + OURS + "\n");
        assertThat(modulesAsJamesReadsThem(rendered)).containsExactly(OURS);
        assertThat(modulesAsJamesReadsThem(ExtensionsProperties.render("a=1"))).containsExactly(OURS);
        assertThat(text(ExtensionsProperties.render("a=1"))).startsWith("a=1\n");
        assertThat(modulesAsJamesReadsThem(ExtensionsProperties.render(""))).containsExactly(OURS);
    }

    @Test
    void windowsLineEndsStayAndTheListIsStillRead() throws Exception {
        ExtensionsProperties.Rendered rendered = ExtensionsProperties.render(
                "guice.extension.module=com.example.A\r\nx=1\r\n");

        assertThat(text(rendered)).isEqualTo("guice.extension.module=com.example.A," + OURS + "\r\nx=1\r\n");
        assertThat(modulesAsJamesReadsThem(rendered)).containsExactly("com.example.A", OURS);
    }

    @Test
    void aLookalikeKeyOrAModuleWhoseNameContainsOursIsNotOurs() throws Exception {
        ExtensionsProperties.Rendered rendered = ExtensionsProperties.render("guice.extension.modules=" + OURS + "\n"
                + "guice.extension.module=" + OURS + "Old\n");

        assertThat(modulesAsJamesReadsThem(rendered)).containsExactly(OURS + "Old", OURS);
    }

    private static String text(ExtensionsProperties.Rendered rendered) {
        return new String(rendered.content, StandardCharsets.UTF_8);
    }

    /** As org.apache.james.utils.PropertiesProvider and ExtensionConfiguration read it. */
    private static List<String> modulesAsJamesReadsThem(ExtensionsProperties.Rendered rendered) throws Exception {
        PropertiesConfiguration configuration = new PropertiesConfiguration();
        configuration.setListDelimiterHandler(new DefaultListDelimiterHandler(','));
        configuration.read(new StringReader(text(rendered)));
        return Arrays.asList(configuration.getStringArray("guice.extension.module"));
    }
}
