package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.imsajames.policy.ListFileException;
import org.imsajames.policy.PolicyMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicySourceTest {
    @TempDir
    Path conf;

    @Test
    void theModeComesFromTheListFileWhenSmtpserverXmlHasNone() throws Exception {
        list("#! policy deny-all-except\n10.0.0.1\n");

        assertThat(source(null).build(null).policy().mode()).isEqualTo(PolicyMode.DENY_ALL_EXCEPT);
    }

    @Test
    void theModeInBothPlacesIsAnErrorNamingBoth() throws Exception {
        list("# x\n#! policy deny-all-except\n10.0.0.1\n");

        assertThatThrownBy(() -> source("accept-all-except").build(null))
            .isInstanceOf(ListFileException.class)
            .hasMessage("imsa.list:2: says '#! policy deny-all-except' but smtpserver.xml has "
                + "<policy>accept-all-except</policy> too: keep the mode in one place (remove <policy> when the list "
                + "file carries it)");
    }

    @Test
    void theModeInNeitherPlaceIsAnError() throws Exception {
        list("10.0.0.1\n");

        assertThatThrownBy(() -> source(null).build(null))
            .hasMessage("imsa.list: has no '#! policy' line and smtpserver.xml no <policy>: the mode "
                + "(accept-all-except or deny-all-except) must be in one of them");
    }

    @Test
    void withoutAListFileThePolicyElementIsRequired() {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty("entry", "10.0.0.1");

        assertThatThrownBy(() -> PolicySource.fromConfiguration(config, new TestFileSystem(conf)))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("missing <policy>");
    }

    @Test
    void atStartUpAnyValidFileApplies() throws Exception {
        list("");

        assertThat(source("accept-all-except").build(null).policy().size()).isZero();
    }

    @Test
    void droppingToZeroWithoutAnEntriesLineIsRefusedAndSaysHowToConfirm() throws Exception {
        list("10.0.0.1\n");
        PolicySource source = source("accept-all-except");
        PolicyGeneration previous = source.build(null);
        list("");

        assertThatThrownBy(() -> source.build(previous))
            .hasMessage("imsa.list: holds 0 entries where the policy in force has 1: refused as a write that may "
                + "still be under way; if this is meant, add '#! entries 0' at the top of the file to confirm");
        list("#! entries 0\n");
        assertThat(source.build(previous).policy().size()).isZero();
    }

    @Test
    void shrinkingByMoreThanTheLimitIsRefusedUpToItIsApplied() throws Exception {
        list("10.0.0.1\n10.0.0.2\n10.0.0.3\n10.0.0.4\n");
        PolicySource source = source("accept-all-except");
        PolicyGeneration four = source.build(null);

        list("10.0.0.1\n10.0.0.2\n");
        assertThat(source.build(four).fileEntries()).as("50% fewer: allowed by default").isEqualTo(2);
        list("10.0.0.1\n");
        assertThatThrownBy(() -> source.build(four))
            .hasMessageContaining("holds 1 entry where the policy in force has 4, more than 50% fewer "
                + "(<maxShrinkPercent>)")
            .hasMessageEndingWith("add '#! entries 1' at the top of the file to confirm");
        list("#! entries 1\n10.0.0.1\n");
        assertThat(source.build(four).fileEntries()).isEqualTo(1);
    }

    @Test
    void theShrinkLimitIsConfigurable() throws Exception {
        BaseHierarchicalConfiguration config = config("accept-all-except");
        config.addProperty("maxShrinkPercent", "10");
        list("10.0.0.1\n10.0.0.2\n10.0.0.3\n10.0.0.4\n");
        PolicySource source = PolicySource.fromConfiguration(config, new TestFileSystem(conf));
        PolicyGeneration four = source.build(null);
        list("10.0.0.1\n10.0.0.2\n10.0.0.3\n");

        assertThatThrownBy(() -> source.build(four)).hasMessageContaining("more than 10% fewer");
    }

    @Test
    void limitsAreConfigurableAndChecked() throws Exception {
        list("10.0.0.1\n");
        BaseHierarchicalConfiguration config = config("accept-all-except");
        config.addProperty("maxFileBytes", "5");

        assertThatThrownBy(() -> PolicySource.fromConfiguration(config, new TestFileSystem(conf)).build(null))
            .hasMessageContaining("larger than the limit of 5 bytes");
        BaseHierarchicalConfiguration badShrink = config("accept-all-except");
        badShrink.addProperty("maxShrinkPercent", "101");
        assertThatThrownBy(() -> PolicySource.fromConfiguration(badShrink, new TestFileSystem(conf)))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("<maxShrinkPercent> must be between 0 and 100");
        BaseHierarchicalConfiguration badLine = config("accept-all-except");
        badLine.addProperty("maxLineLength", "0");
        assertThatThrownBy(() -> PolicySource.fromConfiguration(badLine, new TestFileSystem(conf)))
            .isInstanceOf(ConfigurationException.class);
    }

    private PolicySource source(String policy) throws Exception {
        return PolicySource.fromConfiguration(config(policy), new TestFileSystem(conf));
    }

    private BaseHierarchicalConfiguration config(String policy) {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        if (policy != null) {
            config.addProperty("policy", policy);
        }
        config.addProperty("listFile", "file://conf/imsa.list");
        return config;
    }

    private void list(String content) throws Exception {
        Files.writeString(conf.resolve("imsa.list"), content);
    }
}
