package dev.shopsync.shopify.cost;

import java.util.List;

/**
 * Where a recursive-descent parser stands in a document's tokens. END stays put, so a parser that keeps asking
 * sees END instead of running off the list; every mismatch is a {@link QueryDocumentException} with the token's
 * line and column.
 */
final class TokenCursor {

    private final List<Token> tokens;
    private int index;

    TokenCursor(String text) {
        this.tokens = new GraphQlTokenizer(text).tokenize();
    }

    Token peek() {
        return tokens.get(index);
    }

    /** The current token; the cursor moves past it unless it is END. */
    Token advance() {
        Token token = tokens.get(index);
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }

    void expect(String punctuator) {
        Token token = peek();
        if (!token.isPunctuator(punctuator)) {
            throw error(token, "expected '" + punctuator + "' but found " + token.describe());
        }
        advance();
    }

    void expectName(String keyword) {
        Token token = peek();
        if (!token.is(Token.Kind.NAME, keyword)) {
            throw error(token, "expected '" + keyword + "' but found " + token.describe());
        }
        advance();
    }

    /** The current token's text, which must be a name. */
    String name() {
        Token token = peek();
        if (token.kind() != Token.Kind.NAME) {
            throw error(token, "expected a name but found " + token.describe());
        }
        advance();
        return token.text();
    }

    static QueryDocumentException error(Token at, String message) {
        return QueryDocumentException.syntax(at.line(), at.column(), message);
    }
}
