package org.imsajames.smtp;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.slf4j.Logger;
import org.imsajames.handlerconf.HandlerVocabulary;

/**
 * Refusals logged so that a flood cannot fill the log: within an interval the first refusal of each address is
 * logged at INFO, the others at DEBUG, and when the interval ends one summary line says how many there were:
 * "Refused 10000 connections from 254 addresses in the last 60 s; most: 127.0.100.1 (40), ...". At most
 * {@link #MAX_TRACKED_ADDRESSES} addresses are tracked per interval; beyond them refusals are only counted.
 *
 * <p>An interval starts with a refusal, and a one-shot task ends it, so the summary comes even if the refusals
 * stop, and an idle server runs nothing. Metrics are not kept here: they count every refusal.
 */
final class RefusalLog {
    static final String INTERVAL = HandlerVocabulary.REFUSAL_LOG_INTERVAL;
    static final long DEFAULT_INTERVAL_SECONDS = HandlerVocabulary.DEFAULT_REFUSAL_LOG_INTERVAL_SECONDS;
    static final int MAX_TRACKED_ADDRESSES = 10_000;
    private static final int MOST = 3;
    private static final ScheduledExecutorService SUMMARIES = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "imsa-refusal-log-summary");
        thread.setDaemon(true);
        return thread;
    });

    /** When to run a task; a test runs it by hand. */
    interface Scheduler {
        void runAfter(Duration delay, Runnable task);
    }

    private final Logger logger;
    private final String refusals;
    private final Duration interval;
    private final LongSupplier nanoClock;
    private final Scheduler scheduler;
    private final int maxTracked;

    private final Map<String, Long> perAddress = new HashMap<>();
    private long intervalStart;
    private boolean open;
    private long generation; // which interval a scheduled end is for
    private long total;
    private long untracked;
    private long loggedAtInfo;

    /**
     * @param refusals what is refused, in the summary: "connections", "commands before STARTTLS"
     */
    RefusalLog(Logger logger, String refusals, Duration interval, LongSupplier nanoClock, Scheduler scheduler,
               int maxTracked) {
        this.logger = logger;
        this.refusals = refusals;
        this.interval = interval;
        this.nanoClock = nanoClock;
        this.scheduler = scheduler;
        this.maxTracked = maxTracked;
    }

    /** With the default interval, until a handler's init has read its own. */
    static RefusalLog withDefaults(Logger logger, String refusals) {
        return scheduled(logger, refusals, Duration.ofSeconds(DEFAULT_INTERVAL_SECONDS));
    }

    /** From the handler element's {@code <refusalLogIntervalSeconds>} (default 60). */
    static RefusalLog fromConfiguration(Configuration config, Logger logger, String refusals)
            throws ConfigurationException {
        long seconds = config.getLong(INTERVAL, DEFAULT_INTERVAL_SECONDS);
        if (seconds < 1) {
            throw new ConfigurationException("<" + INTERVAL + "> must be a whole number of seconds, at least 1");
        }
        return scheduled(logger, refusals, Duration.ofSeconds(seconds));
    }

    private static RefusalLog scheduled(Logger logger, String refusals, Duration interval) {
        return new RefusalLog(logger, refusals, interval, System::nanoTime,
            (delay, task) -> SUMMARIES.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS), MAX_TRACKED_ADDRESSES);
    }

    /**
     * One refusal of address. The message (slf4j format, its arguments already made safe with LogText) goes
     * out at INFO for the address's first refusal in this interval, else at DEBUG.
     */
    void refused(String address, String format, Object... arguments) {
        boolean first;
        synchronized (this) {
            if (open && nanoClock.getAsLong() - intervalStart >= interval.toNanos()) {
                endInterval(); // the scheduled end is late (a busy machine): do it now
            }
            if (!open) {
                open = true;
                intervalStart = nanoClock.getAsLong();
                long thisInterval = ++generation;
                scheduler.runAfter(interval, () -> endIntervalIfDue(thisInterval));
            }
            total++;
            Long before = perAddress.get(address);
            if (before != null) {
                perAddress.put(address, before + 1);
                first = false;
            } else if (perAddress.size() < maxTracked) {
                perAddress.put(address, 1L);
                first = true;
                loggedAtInfo++;
            } else {
                untracked++;
                first = false;
            }
        }
        if (first) {
            logger.info(format, arguments);
        } else if (logger.isDebugEnabled()) {
            logger.debug(format, arguments);
        }
    }

    /** The scheduled end of one interval; nothing if that interval has already been ended by a late refusal. */
    private void endIntervalIfDue(long scheduledFor) {
        synchronized (this) {
            if (!open || generation != scheduledFor) {
                return;
            }
            long left = interval.toNanos() - (nanoClock.getAsLong() - intervalStart);
            if (left <= 0) {
                endInterval();
            } else { // woken early: come back when it is due
                scheduler.runAfter(Duration.ofNanos(left), () -> endIntervalIfDue(scheduledFor));
            }
        }
    }

    private void endInterval() {
        String summary = total > loggedAtInfo ? summary() : null; // nothing to add when every refusal was logged
        open = false;
        total = 0;
        untracked = 0;
        loggedAtInfo = 0;
        perAddress.clear();
        if (summary != null) {
            logger.info(summary);
        }
    }

    private String summary() {
        List<String> most = perAddress.entrySet().stream()
            .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
            .limit(MOST)
            .map(entry -> entry.getKey() + " (" + entry.getValue() + ")")
            .collect(Collectors.toList());
        String addresses = untracked > 0
            ? "more than " + perAddress.size() + " addresses (" + untracked + " refusals from addresses not tracked)"
            : perAddress.size() + (perAddress.size() == 1 ? " address" : " addresses");
        return "Refused " + total + " " + refusals + " from " + addresses + " in the last " + interval.toSeconds()
            + " s; most: " + String.join(", ", most);
    }
}
