package dev.shopsync.shopify.cost;

/**
 * Parses a selection written in configuration ({@code shopsync.extra-fields.<resource>}) that is inserted into a
 * node selection of ours, and prints it back normalised: fields, their arguments as constants, and nested selections,
 * nothing else. Whatever could reach beyond the node it is put into is refused: a {@code }} that closes the node, a
 * second operation, fragments and inline fragments, directives, variables, and aliases (an alias can dress a field up
 * as one of ours). Comments and layout are dropped, so the inserted text is exactly what was parsed.
 *
 * <pre>
 * selections := selection+ END
 * selection  := NAME arguments? ( '{' selection+ '}' )?
 * arguments  := '(' ( NAME ':' value )+ ')'
 * value      := STRING | INT | FLOAT | NAME | '[' value* ']' | '{' ( NAME ':' value )* '}'
 * </pre>
 */
public final class SelectionSetParser {

    private final TokenCursor cursor;
    private final StringBuilder out = new StringBuilder();

    private SelectionSetParser(String text) {
        this.cursor = new TokenCursor(text);
    }

    /**
     * @return the selection, normalised to one line ({@code seo { title description }})
     * @throws QueryDocumentException when it is not a plain selection set (with line and column)
     */
    public static String normalised(String text) {
        SelectionSetParser parser = new SelectionSetParser(text);
        if (parser.cursor.peek().kind() == Token.Kind.END) {
            throw new QueryDocumentException("an empty selection");
        }
        while (parser.cursor.peek().kind() != Token.Kind.END) {
            parser.selection();
        }
        return parser.out.toString().trim();
    }

    private void selection() {
        Token token = cursor.peek();
        if (token.isPunctuator("...")) {
            throw TokenCursor.error(token, "fragments are not allowed in extra fields, only fields");
        }
        if (token.isPunctuator("}")) {
            throw TokenCursor.error(token, "'}' closes a selection that extra fields did not open");
        }
        if (token.kind() != Token.Kind.NAME) {
            throw TokenCursor.error(token, "expected a field name but found " + token.describe());
        }
        cursor.advance();
        if (cursor.peek().isPunctuator(":")) {
            throw TokenCursor.error(cursor.peek(), "aliases are not allowed in extra fields ('" + token.text() + ":')");
        }
        out.append(' ').append(token.text());
        if (cursor.peek().isPunctuator("(")) {
            arguments();
        }
        if (cursor.peek().isPunctuator("@")) {
            throw TokenCursor.error(cursor.peek(), "directives are not allowed in extra fields");
        }
        if (cursor.peek().isPunctuator("{")) {
            cursor.advance();
            out.append(" {");
            if (cursor.peek().isPunctuator("}")) {
                throw TokenCursor.error(cursor.peek(), "an empty selection of '" + token.text() + "'");
            }
            while (!cursor.peek().isPunctuator("}")) {
                if (cursor.peek().kind() == Token.Kind.END) {
                    throw TokenCursor.error(cursor.peek(), "expected '}' but found end of the extra fields");
                }
                selection();
            }
            cursor.advance();
            out.append(" }");
        }
    }

    private void arguments() {
        cursor.advance();
        out.append('(');
        boolean first = true;
        do {
            Token name = cursor.peek();
            if (name.kind() != Token.Kind.NAME) {
                throw TokenCursor.error(name, "expected an argument name but found " + name.describe());
            }
            cursor.advance();
            cursor.expect(":");
            out.append(first ? "" : ", ").append(name.text()).append(": ");
            value();
            first = false;
        } while (!cursor.peek().isPunctuator(")"));
        cursor.advance();
        out.append(')');
    }

    private void value() {
        Token token = cursor.peek();
        switch (token.kind()) {
            case INT, FLOAT, NAME -> {
                cursor.advance();
                out.append(token.text());
            }
            case STRING -> {
                cursor.advance();
                out.append(quoted(token.text()));
            }
            default -> {
                if (token.isPunctuator("[")) {
                    cursor.advance();
                    out.append('[');
                    boolean first = true;
                    while (!cursor.peek().isPunctuator("]")) {
                        out.append(first ? "" : ", ");
                        value();
                        first = false;
                    }
                    cursor.advance();
                    out.append(']');
                } else if (token.isPunctuator("{")) {
                    cursor.advance();
                    out.append('{');
                    boolean first = true;
                    while (!cursor.peek().isPunctuator("}")) {
                        Token name = cursor.peek();
                        if (name.kind() != Token.Kind.NAME) {
                            throw TokenCursor.error(name, "expected an input field name but found " + name.describe());
                        }
                        cursor.advance();
                        cursor.expect(":");
                        out.append(first ? "" : ", ").append(name.text()).append(": ");
                        value();
                        first = false;
                    }
                    cursor.advance();
                    out.append('}');
                } else if (token.isPunctuator("$")) {
                    throw TokenCursor.error(token, "variables are not allowed in extra fields, only constants");
                } else {
                    throw TokenCursor.error(token, "expected a value but found " + token.describe());
                }
            }
        }
    }

    /** A GraphQL string literal for any decoded value: quotes, backslashes and control characters escaped. */
    private static String quoted(String value) {
        StringBuilder text = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default -> {
                    if (c < 0x20) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"').toString();
    }




}
