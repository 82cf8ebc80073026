package org.imsajames.outgoing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.imsajames.testkit.PostfixServices;

/**
 * The receiving mail servers of the outgoing tests: Debian's Postfix (installed by provision.sh), one instance of
 * its own (config, queue, data and mail folders under /dev/shm, where Postfix's unprivileged processes may enter),
 * with one smtpd per receiver on port 25 of that receiver's loopback address, each with its own TLS setting
 * (STARTTLS offered with its own certificate, or not offered at all: {@code smtpd_tls_security_level = none}) and its
 * own {@code syslog_name}, so every log line says which receiver it is from. Mail is delivered by virtual(8) into a
 * Maildir per recipient domain.
 *
 * <p>What a receiver got is read from Postfix alone: its log ({@code maillog_file}, {@code smtpd_tls_loglevel = 1}:
 * "connect from", "Anonymous TLS connection established ...: TLSv1.3 with cipher ...", "QUEUEID: client=",
 * "disconnect from ... ehlo=2 starttls=1 mail=1 ..." per session) and the Maildir file of each queue id (found by its
 * Received header, "with ESMTPS id QUEUEID" over TLS, "with ESMTP id QUEUEID" in clear).
 */
final class PostfixReceivers implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LINE = Pattern.compile("^.*? postfix/([^/\\[ ]+)/smtpd\\[(\\d+)\\]: (.*)$");
    private static final Pattern TLS = Pattern.compile("TLS connection established from .*: (TLSv[0-9.]+) with cipher");
    private static final Pattern CLIENT = Pattern.compile("^([0-9A-Za-z]+): client=");
    private static final Pattern SENT = Pattern.compile("^.*? postfix/virtual\\[\\d+\\]: ([0-9A-Za-z]+): to=<([^>]*)>,"
            + ".* status=sent .*$");

    private final Path root;
    private final Path log;
    private final Path mail;
    private final Map<String, Receiver> receivers = new LinkedHashMap<>();
    private boolean started;
    /** Where the tests' sessions start in the log: after the probes that waited for each listener. */
    private long logStart;

    private PostfixReceivers(Path root) {
        this.root = root;
        this.log = root.resolve("postfix.log");
        this.mail = root.resolve("mail");
    }

    static PostfixReceivers create() throws IOException {
        Path root = Path.of("/dev/shm", "imsa-outgoing-postfix-" + ProcessHandle.current().pid() + "-"
                + System.nanoTime());
        Files.createDirectories(root);
        return new PostfixReceivers(root);
    }

    /** A receiver NAME (its MX host name) for DOMAIN on ADDRESS:25; STARTTLS with TLS_CHAIN, or none if null. */
    PostfixReceivers receiver(String name, String domain, String address, Path tlsChain) {
        receivers.put(name, new Receiver(name, domain, address, tlsChain));
        return this;
    }

    Receiver get(String name) {
        return receivers.get(name);
    }

    PostfixReceivers start() throws IOException, InterruptedException {
        Path config = Files.createDirectories(root.resolve("conf"));
        Path queue = Files.createDirectories(root.resolve("queue"));
        Path data = Files.createDirectories(root.resolve("data"));
        Files.createDirectories(mail);
        run("chown", "postfix", data.toString());
        run("chown", "nobody:nogroup", mail.toString());
        Set<String> domains = new TreeSet<>();
        StringBuilder master = new StringBuilder();
        for (Receiver receiver : receivers.values()) {
            domains.add(receiver.domain);
            master.append(receiver.address).append(":25 inet n - n - - smtpd -o syslog_name=postfix/")
                    .append(receiver.name);
            if (receiver.tlsChain == null) {
                master.append(" -o smtpd_tls_security_level=none");
            } else {
                master.append(" -o smtpd_tls_security_level=may -o smtpd_tls_chain_files=").append(receiver.tlsChain);
            }
            master.append('\n');
        }
        // virtual(8) delivers into the test's Maildirs.
        master.append(PostfixServices.INTERNAL).append("virtual   unix  - n n - - virtual\n");
        Files.writeString(config.resolve("master.cf"), master);
        Files.writeString(config.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + queue,
                "data_directory = " + data,
                "mail_owner = postfix",
                "setgid_group = postdrop",
                // Each smtpd binds its own ADDRESS:25 (master.cf); Postfix refuses an inet_interfaces address that is
                // not configured on an interface, and 127.0.63.x are only routed to lo, not configured on it.
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = receivers.test",
                "mydestination =",
                "mynetworks = 127.0.0.0/8",
                "alias_maps =",
                "alias_database =",
                "biff = no",
                "smtputf8_enable = no",
                "smtpd_peername_lookup = no",
                "smtpd_tls_loglevel = 1",
                "smtpd_tls_received_header = yes",
                "virtual_mailbox_domains = " + String.join(", ", domains),
                "virtual_mailbox_base = " + mail,
                // One Maildir per domain ("@domain" is the catch-all key; a trailing slash means Maildir).
                "virtual_mailbox_maps = inline:{" + domains.stream().map(domain -> "@" + domain + "=" + domain + "/")
                        .collect(Collectors.joining(", ")) + "}",
                "virtual_uid_maps = static:65534",
                "virtual_gid_maps = static:65534",
                "virtual_minimum_uid = 100",
                "maillog_file_prefixes = " + root,
                "maillog_file = " + log,
                ""));
        run("postfix", "-c", config.toString(), "check");
        run("postfix", "-c", config.toString(), "start");
        started = true;
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        for (Receiver receiver : receivers.values()) {
            while (!listening(receiver.address)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("Postfix does not listen on " + receiver.address + ":25 within "
                            + START_TIMEOUT + "; its log:\n" + logText());
                }
                Thread.sleep(100);
            }
        }
        // Each probe above is a session of its own in the log; the tests' sessions are the ones after them.
        while (count(logText(), "]: connect from ") < receivers.size() || !allProbesEnded()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("Postfix did not log the end of the start-up probes; its log:\n" + logText());
            }
            Thread.sleep(100);
        }
        logStart = Files.size(log);
        return this;
    }

    private boolean allProbesEnded() throws IOException {
        String text = logText();
        return count(text, "]: connect from ") == count(text, "]: disconnect from ");
    }

    private static int count(String text, String part) {
        int found = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            found++;
        }
        return found;
    }

    private static boolean listening(String address) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(address, 25), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    String logText() throws IOException {
        return Files.exists(log) ? Files.readString(log, UTF_8) : "(no log yet)";
    }

    /** Every session of every receiver, from the log, each with what Postfix delivered from it. */
    private Map<String, List<Session>> sessions() throws IOException {
        Map<String, List<Session>> byReceiver = new LinkedHashMap<>();
        Map<String, Session> open = new LinkedHashMap<>();
        String text = logText();
        Map<String, List<String>> sentTo = new LinkedHashMap<>();
        for (String line : text.substring((int) Math.min(logStart, text.length())).split("\n")) {
            Matcher sent = SENT.matcher(line);
            if (sent.matches()) {
                sentTo.computeIfAbsent(sent.group(1), id -> new ArrayList<>()).add("<" + sent.group(2) + ">");
                continue;
            }
            Matcher matcher = LINE.matcher(line);
            if (!matcher.matches()) {
                continue;
            }
            String receiver = matcher.group(1);
            String key = receiver + "/" + matcher.group(2);
            String message = matcher.group(3);
            if (message.startsWith("connect from ")) {
                Session session = new Session(receiver);
                open.put(key, session);
                byReceiver.computeIfAbsent(receiver, name -> new ArrayList<>()).add(session);
                continue;
            }
            Session session = open.get(key);
            if (session == null) {
                continue;
            }
            Matcher tls = TLS.matcher(message);
            Matcher client = CLIENT.matcher(message);
            if (tls.find()) {
                session.tlsProtocol = tls.group(1);
            } else if (client.find()) {
                session.queueIds.add(client.group(1));
            } else if (message.startsWith("SSL_accept error") || message.contains("TLS library problem")) {
                session.tlsFailure = message;
            } else if (message.startsWith("disconnect from ")) {
                session.summary = message;
                open.remove(key);
            }
        }
        List<Path> files = maildirFiles();
        for (List<Session> sessions : byReceiver.values()) {
            for (Session session : sessions) {
                for (String queueId : session.queueIds) {
                    session.recipients.addAll(sentTo.getOrDefault(queueId, List.of()));
                    for (Path file : files) {
                        String content = Files.readString(file, UTF_8);
                        if (content.contains(" id " + queueId + "\n") || content.contains(" id " + queueId + "\r\n")
                                || content.contains(" id " + queueId + ";") || content.contains(" id " + queueId
                                + " ")) {
                            session.delivered.add(content);
                        }
                    }
                }
            }
        }
        return byReceiver;
    }

    private List<Path> maildirFiles() throws IOException {
        if (!Files.isDirectory(mail)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(mail)) {
            return paths.filter(Files::isRegularFile).filter(path -> path.getParent().getFileName().toString()
                    .equals("new")).sorted().collect(Collectors.toList());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (started) {
            try {
                run("postfix", "-c", root.resolve("conf").toString(), "stop");
            } catch (IOException e) {
                System.err.println("postfix stop failed: " + e.getMessage());
            }
        }
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** One smtpd listener: one MX host of the tests. */
    final class Receiver {
        final String name;
        final String domain;
        final String address;
        final Path tlsChain;

        Receiver(String name, String domain, String address, Path tlsChain) {
            this.name = name;
            this.domain = domain;
            this.address = address;
            this.tlsChain = tlsChain;
        }

        /** Every session Postfix logged for this receiver: an empty list means it was never contacted. */
        List<Session> sessions() throws IOException {
            return PostfixReceivers.this.sessions().getOrDefault(name, List.of());
        }

        /** The sessions through which Postfix delivered a message into a mailbox. */
        List<Session> deliveries() throws IOException {
            return sessions().stream().filter(session -> !session.delivered.isEmpty()).collect(Collectors.toList());
        }
    }

    /** One SMTP session as Postfix logged it. */
    static final class Session {
        final String receiver;
        volatile String tlsProtocol;
        final List<String> queueIds = new ArrayList<>();
        volatile String summary;
        /** Postfix's report of a failed TLS handshake ("SSL_accept error ..."), if any. */
        volatile String tlsFailure;
        /** The recipients virtual(8) delivered this session's messages to, as "<address>". */
        final List<String> recipients = new ArrayList<>();
        /** The Maildir files (whole messages as stored) of the queue ids this session created. */
        final List<String> delivered = new ArrayList<>();

        Session(String receiver) {
            this.receiver = receiver;
        }

        boolean overTls() {
            return tlsProtocol != null;
        }

        /** Whether Postfix queued a message from this session (it logs the queue id at MAIL FROM). */
        boolean accepted() {
            return !queueIds.isEmpty();
        }

        boolean startTlsCommand() {
            return summary != null && summary.contains(" starttls=");
        }

        /** How many times the client sent COMMAND (ehlo, starttls, mail, ...), from the disconnect summary. */
        int commands(String command) {
            if (summary == null) {
                return 0;
            }
            Matcher count = Pattern.compile(" " + command + "=(\\d+)").matcher(summary);
            return count.find() ? Integer.parseInt(count.group(1)) : 0;
        }

        /** Whether a delivered message of this session holds TEXT (a token in its subject). */
        boolean delivered(String text) {
            return delivered.stream().anyMatch(message -> message.contains(text));
        }

        @Override
        public String toString() {
            return receiver + ": tls=" + tlsProtocol + " tlsFailure=" + tlsFailure + " queueIds=" + queueIds
                    + " recipients=" + recipients + " delivered=" + delivered.size()
                    + " " + summary;
        }
    }
}
