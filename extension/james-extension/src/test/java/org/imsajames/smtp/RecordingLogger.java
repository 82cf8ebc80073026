package org.imsajames.smtp;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

/** An slf4j Logger that keeps what it is given at INFO and DEBUG as "LEVEL message" lines. */
final class RecordingLogger {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    final Logger logger = (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
        (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("isDebugEnabled") || name.equals("isInfoEnabled")) {
                return true;
            }
            if ((name.equals("info") || name.equals("debug")) && args != null && args[0] instanceof String) {
                lines.add(name.toUpperCase() + " " + format((String) args[0], args));
                return null;
            }
            throw new UnsupportedOperationException(name);
        });

    private static String format(String pattern, Object[] args) {
        if (args.length == 1) {
            return pattern;
        }
        Object[] arguments = args.length == 2 && args[1] instanceof Object[] ? (Object[]) args[1]
            : java.util.Arrays.copyOfRange(args, 1, args.length);
        return MessageFormatter.arrayFormat(pattern, arguments).getMessage();
    }

    List<String> at(String level) {
        synchronized (lines) {
            return lines.stream().filter(line -> line.startsWith(level + " ")).map(line -> line.substring(level.length() + 1))
                .collect(java.util.stream.Collectors.toList());
        }
    }
}
