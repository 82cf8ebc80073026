package org.imsajames.tlsengine;

/** Text from a system property or an exception, made safe for one log line. */
final class LogText {
    private static final int MAX = 200;

    private LogText() {
    }

    static String cut(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder safe = new StringBuilder(Math.min(text.length(), MAX));
        for (int i = 0; i < text.length() && safe.length() < MAX; i++) {
            char c = text.charAt(i);
            safe.append(Character.isISOControl(c) ? '?' : c);
        }
        return safe.toString();
    }
}
