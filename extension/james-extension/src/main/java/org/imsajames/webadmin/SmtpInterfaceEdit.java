package org.imsajames.webadmin;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imsajames.generator.OwnedSmtpServer;
import org.imsajames.settings.SettingRuleException;
import org.imsajames.settings.SmtpInterfaceRules;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The body of PUT smtp-interface: any of the settings' smtpInterface keys, checked by {@link SmtpInterfaceRules}
 * (the rules and messages of {@code imsa-james check}). Every bad value is named, each with its field, so the page
 * can show it beside that field; one bad value refuses the whole request.
 */
final class SmtpInterfaceEdit {
    private final String bindAddress;
    private final Map<String, Integer> numbers;

    private SmtpInterfaceEdit(String bindAddress, Map<String, Integer> numbers) {
        this.bindAddress = bindAddress;
        this.numbers = numbers;
    }

    static SmtpInterfaceEdit of(JsonNode body) throws ApiError {
        if (!body.isObject() || body.size() == 0) {
            throw ApiError.badRequest("the body must be an object with one or more of "
                + String.join(", ", SmtpInterfaceRules.SCREEN_KEYS) + ", e.g. {\"port\": 2525}");
        }
        List<Map<String, Object>> errors = new ArrayList<>();
        String bindAddress = null;
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String key = names.next();
            JsonNode value = body.get(key);
            try {
                if (!SmtpInterfaceRules.SCREEN_KEYS.contains(key)) {
                    throw new SettingRuleException("unknown field " + org.imsajames.policy.LogText.quoted(key)
                        + "; known: " + String.join(", ", SmtpInterfaceRules.SCREEN_KEYS));
                } else if (key.equals(SmtpInterfaceRules.IP_ADDRESS)) {
                    if (!value.isTextual()) {
                        throw new SettingRuleException(path(key) + " must be a string: all, loopback or an IPv4"
                            + " address");
                    }
                    bindAddress = SmtpInterfaceRules.bindAddress(value.asText());
                } else {
                    if (!value.isNumber()) {
                        throw new SettingRuleException(path(key) + " must be a number, not " + type(value));
                    }
                    numbers.put(key, SmtpInterfaceRules.number(key, value.asText()));
                }
            } catch (SettingRuleException e) {
                Map<String, Object> error = new LinkedHashMap<>();
                error.put("field", key);
                error.put("message", e.getMessage());
                errors.add(error);
            }
        }
        if (!errors.isEmpty()) {
            String first = (String) errors.get(0).get("message");
            throw new ApiError(400, first + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")
                + "; nothing was changed", errors);
        }
        return new SmtpInterfaceEdit(bindAddress, numbers);
    }

    OwnedSmtpServer applyTo(OwnedSmtpServer server) {
        OwnedSmtpServer changed = server.withBind(bindAddress == null ? server.bindAddress() : bindAddress,
            numbers.getOrDefault(SmtpInterfaceRules.PORT, server.port()));
        Integer minutes = numbers.get(SmtpInterfaceRules.INACTIVITY_TIMEOUT_MINUTES);
        return changed.withLimits(minutes == null ? server.inactivityTimeoutSeconds() : minutes * 60,
            numbers.getOrDefault(SmtpInterfaceRules.MAX_CONNECTIONS, server.maxConnections()),
            numbers.getOrDefault(SmtpInterfaceRules.MAX_CONNECTIONS_PER_IP, server.maxConnectionsPerIp()),
            numbers.getOrDefault(SmtpInterfaceRules.MAX_MESSAGE_SIZE_KB, server.maxMessageSizeKb()));
    }

    private static String path(String key) {
        return SmtpInterfaceRules.SECTION + "." + key;
    }

    private static String type(JsonNode value) {
        return value.isTextual() ? "a string" : value.isBoolean() ? "true or false" : value.isNull() ? "null"
            : value.isArray() ? "an array" : "an object";
    }
}
