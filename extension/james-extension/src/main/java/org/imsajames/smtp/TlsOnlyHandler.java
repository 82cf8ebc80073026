package org.imsajames.smtp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import javax.inject.Inject;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.filesystem.api.FileSystem;
import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.api.handler.UnknownCommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPRetCode;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.dsn.DSNStatus;
import org.apache.james.server.core.configuration.ConfigurationProvider;
import org.imsajames.handlerconf.HandlerVocabulary;
import org.imsajames.policy.LogText;
import org.imsajames.tlsengine.IncomingTlsEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IMSA "Only accept SMTP connection by TLS" (RFC 3207, like Postfix's {@code smtpd_tls_security_level=encrypt}):
 * until STARTTLS has completed, every command but EHLO, HELO, STARTTLS, NOOP, RSET, QUIT and HELP gets
 * {@code 530 5.7.0 Must issue a STARTTLS command first}.
 *
 * <p>Our handlers run before James's core ones, so claiming the commands here puts this check first; once TLS
 * is up it declines and James's own handler answers. Commands James does not know fall under its "unknown"
 * identifier, which we claim too, so nothing but the allowed commands is reachable in plaintext.
 *
 * <p>The refused command is client text: it is logged escaped and cut ({@link LogText}), and through
 * {@link RefusalLog} (first per address and interval at INFO, then a summary; {@code <refusalLogIntervalSeconds>}).
 */
public class TlsOnlyHandler implements CommandHandler<SMTPSession> {
    private static final Logger LOGGER = LoggerFactory.getLogger(TlsOnlyHandler.class);

    static final Response MUST_STARTTLS = new SMTPResponse(SMTPRetCode.AUTH_REQUIRED,
        DSNStatus.getStatus(DSNStatus.PERMANENT, DSNStatus.SECURITY_OTHER) + " Must issue a STARTTLS command first")
        .immutable();

    /** Everything James 3.8.1 answers except EHLO, HELO, STARTTLS, NOOP, RSET, QUIT and HELP. */
    static final List<String> GUARDED_COMMANDS = List.of("MAIL", "RCPT", "DATA", "AUTH", "VRFY", "EXPN",
        UnknownCommandHandler.COMMAND_IDENTIFIER);

    static final String STATE_FILE = HandlerVocabulary.TLS_ONLY_STATE_FILE;
    static final String WATCH_INTERVAL = HandlerVocabulary.TLS_ONLY_WATCH_INTERVAL;
    private static final long DEFAULT_WATCH_INTERVAL_MILLIS = HandlerVocabulary.DEFAULT_TLS_ONLY_WATCH_INTERVAL_MILLIS;

    private final ConfigurationProvider configurationProvider;
    private final FileSystem fileSystem;
    /** Null without a {@code <stateFile>}: then TLS only is always on, as smtpserver.xml says by naming this handler. */
    private TlsOnlySwitch tlsOnlySwitch;
    private RefusalLog refusalLog = RefusalLog.withDefaults(LOGGER, "commands before STARTTLS");

    @Inject
    public TlsOnlyHandler(ConfigurationProvider configurationProvider, FileSystem fileSystem) {
        this.configurationProvider = configurationProvider;
        this.fileSystem = fileSystem;
    }

    /** Without a file system: no {@code <stateFile>} can be given. */
    TlsOnlyHandler(ConfigurationProvider configurationProvider) {
        this(configurationProvider, (FileSystem) null);
    }

    /** For tests that read what is logged: REFUSAL_LOG is used as it is (init would replace it). */
    TlsOnlyHandler(ConfigurationProvider configurationProvider, RefusalLog refusalLog) {
        this(configurationProvider);
        this.refusalLog = refusalLog;
    }

    @Override
    public void init(Configuration config) throws ConfigurationException {
        // Without TLS on the server this handler would leave clients no way in but plaintext: refuse to start.
        new TlsServerCheck(configurationProvider).requireTlsWherever(TlsOnlyHandler.class.getName());
        IncomingTlsEngine.applyOnce(IncomingTlsEngine.Caller.HANDLERS);
        refusalLog = RefusalLog.fromConfiguration(config, LOGGER, "commands before STARTTLS");
        String location = config.getString(STATE_FILE, null);
        if (location != null) {
            // Live on/off (the Connections screen); an unusable file at start must stop James: never fail open.
            try {
                Path file = fileSystem.getFile(location.trim()).toPath();
                tlsOnlySwitch = TlsOnlySwitch.open(file, config.getLong(WATCH_INTERVAL, DEFAULT_WATCH_INTERVAL_MILLIS));
                LOGGER.info("TLS only is {} ({} watched)", tlsOnlySwitch.enforced() ? "on" : "off",
                    LogText.escaped(location));
            } catch (IOException | RuntimeException e) {
                throw new ConfigurationException("TlsOnlyHandler: <" + STATE_FILE + "> " + LogText.escaped(location)
                    + ": " + LogText.escaped(String.valueOf(e.getMessage())), e);
            }
        }
    }

    @Override
    public void destroy() {
        if (tlsOnlySwitch != null) {
            tlsOnlySwitch.close();
        }
    }

    @Override
    public Collection<String> getImplCommands() {
        return GUARDED_COMMANDS;
    }

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        TlsOnlySwitch live = tlsOnlySwitch;
        if (session.isTLSStarted() || (live != null && !live.enforced())) {
            return null;
        }
        String client = session.getRemoteAddress().getAddress().getHostAddress();
        refusalLog.refused(client, "Refused {} from {} before STARTTLS", LogText.of(request.getCommand()), client);
        return MUST_STARTTLS;
    }
}
