package dev.shopsync.shopify.cost;

import java.util.List;

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

    private final List<Token> tokens;
    private int index;
    private final StringBuilder out = new StringBuilder();

    private SelectionSetParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * @return the selection, normalised to one line ({@code seo { title description }})
     * @throws QueryDocumentException when it is not a plain selection set (with line and column)
     */
    public static String normalised(String text) {
        SelectionSetParser parser = new SelectionSetParser(new GraphQlTokenizer(text).tokenize());
        if (parser.peek().kind() == Token.Kind.END) {
            throw new QueryDocumentException("an empty selection");
        }
        while (parser.peek().kind() != Token.Kind.END) {
            parser.selection();
        }
        return parser.out.toString().trim();
    }

    private void selection() {
        Token token = peek();
        if (token.isPunctuator("...")) {
            throw error(token, "fragments are not allowed in extra fields, only fields");
        }
        if (token.isPunctuator("}")) {
            throw error(token, "'}' closes a selection that extra fields did not open");
        }
        if (token.kind() != Token.Kind.NAME) {
            throw error(token, "expected a field name but found " + token.describe());
        }
        advance();
        if (peek().isPunctuator(":")) {
            throw error(peek(), "aliases are not allowed in extra fields ('" + token.text() + ":')");
        }
        out.append(' ').append(token.text());
        if (peek().isPunctuator("(")) {
            arguments();
        }
        if (peek().isPunctuator("@")) {
            throw error(peek(), "directives are not allowed in extra fields");
        }
        if (peek().isPunctuator("{")) {
            advance();
            out.append(" {");
            if (peek().isPunctuator("}")) {
                throw error(peek(), "an empty selection of '" + token.text() + "'");
            }
            while (!peek().isPunctuator("}")) {
                if (peek().kind() == Token.Kind.END) {
                    throw error(peek(), "expected '}' but found end of the extra fields");
                }
                selection();
            }
            advance();
            out.append(" }");
        }
    }

    private void arguments() {
        advance();
        out.append('(');
        boolean first = true;
        do {
            Token name = peek();
            if (name.kind() != Token.Kind.NAME) {
                throw error(name, "expected an argument name but found " + name.describe());
            }
            advance();
            expect(":");
            out.append(first ? "" : ", ").append(name.text()).append(": ");
            value();
            first = false;
        } while (!peek().isPunctuator(")"));
        advance();
        out.append(')');
    }

    private void value() {
        Token token = peek();
        switch (token.kind()) {
            case INT, FLOAT, NAME -> {
                advance();
                out.append(token.text());
            }
            case STRING -> {
                advance();
                out.append(quoted(token.text()));
            }
            default -> {
                if (token.isPunctuator("[")) {
                    advance();
                    out.append('[');
                    boolean first = true;
                    while (!peek().isPunctuator("]")) {
                        out.append(first ? "" : ", ");
                        value();
                        first = false;
                    }
                    advance();
                    out.append(']');
                } else if (token.isPunctuator("{")) {
                    advance();
                    out.append('{');
                    boolean first = true;
                    while (!peek().isPunctuator("}")) {
                        Token name = peek();
                        if (name.kind() != Token.Kind.NAME) {
                            throw error(name, "expected an input field name but found " + name.describe());
                        }
                        advance();
                        expect(":");
                        out.append(first ? "" : ", ").append(name.text()).append(": ");
                        value();
                        first = false;
                    }
                    advance();
                    out.append('}');
                } else if (token.isPunctuator("$")) {
                    throw error(token, "variables are not allowed in extra fields, only constants");
                } else {
                    throw error(token, "expected a value but found " + token.describe());
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

    private void expect(String punctuator) {
        Token token = peek();
        if (!token.isPunctuator(punctuator)) {
            throw error(token, "expected '" + punctuator + "' but found " + token.describe());
        }
        advance();
    }

    private Token peek() {
        return tokens.get(index);
    }

    private void advance() {
        if (tokens.get(index).kind() != Token.Kind.END) {
            index++;
        }
    }

    private static QueryDocumentException error(Token at, String message) {
        return QueryDocumentException.syntax(at.line(), at.column(), message);
    }
}
