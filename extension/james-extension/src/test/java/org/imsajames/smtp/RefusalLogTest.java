package org.imsajames.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.configuration2.BaseHierarchicalConfiguration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.junit.jupiter.api.Test;

class RefusalLogTest {
    private static final Duration MINUTE = Duration.ofSeconds(60);

    final RecordingLogger log = new RecordingLogger();
    long now = 1_000_000_000L; // nanoseconds, moved by hand
    final List<Runnable> scheduled = new ArrayList<>();
    final List<Duration> delays = new ArrayList<>();

    RefusalLog refusalLog(int maxTracked) {
        return new RefusalLog(log.logger, "connections", MINUTE, () -> now,
            (delay, task) -> { delays.add(delay); scheduled.add(task); }, maxTracked);
    }

    void refuse(RefusalLog refusals, String address, int times) {
        for (int i = 0; i < times; i++) {
            refusals.refused(address, "Refused connection from {}", address);
        }
    }

    /** Runs the tasks scheduled so far, as the scheduler would once their delay is over. */
    void runScheduled() {
        List<Runnable> due = new ArrayList<>(scheduled);
        scheduled.clear();
        due.forEach(Runnable::run);
    }

    @Test
    void firstRefusalOfEachAddressAtInfoTheRestAtDebugThenOneSummary() {
        RefusalLog refusals = refusalLog(10_000);

        refuse(refusals, "192.0.2.1", 5);
        refuse(refusals, "192.0.2.2", 3);
        refuse(refusals, "192.0.2.3", 1);
        refuse(refusals, "192.0.2.4", 7);

        assertThat(log.at("INFO")).containsExactly("Refused connection from 192.0.2.1",
            "Refused connection from 192.0.2.2", "Refused connection from 192.0.2.3", "Refused connection from 192.0.2.4");
        assertThat(log.at("DEBUG")).hasSize(16 - 4).allMatch(line -> line.startsWith("Refused connection from "));
        assertThat(delays).containsExactly(MINUTE);

        now += MINUTE.toNanos();
        runScheduled();

        assertThat(log.at("INFO")).hasSize(5).last().isEqualTo("Refused 16 connections from 4 addresses in the"
            + " last 60 s; most: 192.0.2.4 (7), 192.0.2.1 (5), 192.0.2.2 (3)");
    }

    @Test
    void theSummaryComesThoughTheRefusalsStopAndTheNextIntervalStartsAfresh() {
        RefusalLog refusals = refusalLog(10_000);
        refuse(refusals, "192.0.2.1", 2);
        now += MINUTE.toNanos();
        runScheduled();
        log.lines.clear();

        refuse(refusals, "192.0.2.1", 1);

        assertThat(log.at("INFO")).as("a new interval: the first refusal again at INFO")
            .containsExactly("Refused connection from 192.0.2.1");
        assertThat(scheduled).hasSize(1);
    }

    @Test
    void noSummaryWhenEveryRefusalWasAlreadyLoggedAtInfo() {
        RefusalLog refusals = refusalLog(10_000);
        refuse(refusals, "192.0.2.1", 1);
        refuse(refusals, "192.0.2.2", 1);

        now += MINUTE.toNanos();
        runScheduled();

        assertThat(log.at("INFO")).hasSize(2);
    }

    @Test
    void aLateScheduledEndIsDoneByTheNextRefusalAndTheStaleTaskDoesNothing() {
        RefusalLog refusals = refusalLog(10_000);
        refuse(refusals, "192.0.2.1", 3);
        now += MINUTE.toNanos() + 1;

        refuse(refusals, "192.0.2.9", 1); // the scheduler is late: this refusal ends the interval first

        assertThat(log.at("INFO")).containsExactly("Refused connection from 192.0.2.1",
            "Refused 3 connections from 1 address in the last 60 s; most: 192.0.2.1 (3)",
            "Refused connection from 192.0.2.9");
        List<Runnable> tasks = new ArrayList<>(scheduled);
        scheduled.clear();
        tasks.get(0).run(); // the first interval's task, now stale
        assertThat(log.at("INFO")).hasSize(3);
        assertThat(scheduled).as("nothing rescheduled by a stale task").isEmpty();
    }

    @Test
    void aTaskWokenEarlyComesBackWhenTheIntervalIsDue() {
        RefusalLog refusals = refusalLog(10_000);
        refuse(refusals, "192.0.2.1", 2);
        now += MINUTE.toNanos() - 10;

        runScheduled();

        assertThat(log.at("INFO")).hasSize(1);
        assertThat(delays).last().isEqualTo(Duration.ofNanos(10));
        now += 10;
        runScheduled();
        assertThat(log.at("INFO")).hasSize(2);
    }

    @Test
    void beyondTheCapAddressesAreOnlyCounted() {
        RefusalLog refusals = refusalLog(3);
        for (int i = 1; i <= 10; i++) {
            refuse(refusals, "192.0.2." + i, 2);
        }

        assertThat(log.at("INFO")).as("only the tracked addresses' first refusal").hasSize(3);
        assertThat(log.at("DEBUG")).hasSize(20 - 3);
        now += MINUTE.toNanos();
        runScheduled();
        assertThat(log.at("INFO")).last().isEqualTo("Refused 20 connections from more than 3 addresses"
            + " (14 refusals from addresses not tracked) in the last 60 s; most: 192.0.2.1 (2), 192.0.2.2 (2), 192.0.2.3 (2)");
    }

    @Test
    void intervalIsConfigurableAndMustBePositive() throws Exception {
        BaseHierarchicalConfiguration config = new BaseHierarchicalConfiguration();
        config.addProperty(RefusalLog.INTERVAL, "0");

        assertThatThrownBy(() -> RefusalLog.fromConfiguration(config, log.logger, "connections"))
            .isInstanceOf(ConfigurationException.class).hasMessageContaining("<refusalLogIntervalSeconds>");
        config.setProperty(RefusalLog.INTERVAL, "5");
        assertThat(RefusalLog.fromConfiguration(config, log.logger, "connections")).isNotNull();
    }
}
