package dev.shopsync.shopify.cost;

/**
 * One lexical token. For strings {@code text} is the decoded value; line and column (1-based) are kept so parse
 * errors can point at the spot.
 */
record Token(Kind kind, String text, int line, int column) {

    enum Kind {
        PUNCTUATOR, NAME, INT, FLOAT, STRING, END
    }

    boolean is(Kind expected, String expectedText) {
        return kind == expected && text.equals(expectedText);
    }

    boolean isPunctuator(String punctuator) {
        return is(Kind.PUNCTUATOR, punctuator);
    }

    /** How the token reads in an error message. */
    String describe() {
        return switch (kind) {
            case END -> "end of document";
            case STRING -> "string \"" + abbreviate(text) + "\"";
            default -> "'" + text + "'";
        };
    }

    private static String abbreviate(String value) {
        String oneLine = value.replace('\n', ' ');
        return oneLine.length() <= 30 ? oneLine : oneLine.substring(0, 27) + "...";
    }
}
