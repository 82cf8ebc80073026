package org.imsajames.fuzz;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** One edit of a text at a relative position: a character inserted, deleted or replaced. Shrinks with jqwik. */
public final class Mutation {
    private enum Kind { INSERT, DELETE, REPLACE }

    private final Kind kind;
    private final double position;
    private final char character;

    private Mutation(Kind kind, double position, char character) {
        this.kind = kind;
        this.position = position;
        this.character = character;
    }

    /** Mutations whose inserted or replacing characters come from the alphabet. */
    public static Arbitrary<Mutation> arbitrary(String alphabet) {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1),
                Arbitraries.of(alphabet.chars().mapToObj(c -> (char) c).toArray(Character[]::new)))
                .as(Mutation::new);
    }

    public static String applyAll(String text, List<Mutation> mutations) {
        String result = text;
        for (Mutation mutation : mutations) {
            result = mutation.apply(result);
        }
        return result;
    }

    String apply(String text) {
        int at = (int) Math.min(text.length(), Math.floor(position * (text.length() + 1)));
        switch (kind) {
            case INSERT:
                return text.substring(0, at) + character + text.substring(at);
            case DELETE:
                return at < text.length() ? text.substring(0, at) + text.substring(at + 1) : text;
            default:
                return at < text.length() ? text.substring(0, at) + character + text.substring(at + 1) : text + character;
        }
    }

    @Override
    public String toString() {
        return kind + "@" + position + (kind == Kind.DELETE ? "" : " '" + character + "' (U+"
                + Integer.toHexString(character) + ")");
    }
}
