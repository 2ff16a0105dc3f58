package dev.shopsync.shopify.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * The GraphQL lexer (October 2021 spec, section 2.1): punctuators, names, numbers, strings and block strings.
 * Whitespace, commas, the byte order mark and {@code #} comments are insignificant and dropped.
 */
final class GraphQlTokenizer {

    private static final String SINGLE_PUNCTUATORS = "!$&():=@[]{}|";

    private final String source;
    private int position;
    private int line = 1;
    /** Index of the first character of the current line, for columns. */
    private int lineStart;

    GraphQlTokenizer(String source) {
        this.source = source;
    }

    /** All tokens, ending with one {@link Token.Kind#END}. */
    List<Token> tokenize() {
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = next();
            tokens.add(token);
        } while (token.kind() != Token.Kind.END);
        return tokens;
    }

    private Token next() {
        skipIgnored();
        int column = position - lineStart + 1;
        if (position >= source.length()) {
            return new Token(Token.Kind.END, "", line, column);
        }
        char c = source.charAt(position);
        if (c == '.') {
            if (source.startsWith("...", position)) {
                position += 3;
                return new Token(Token.Kind.PUNCTUATOR, "...", line, column);
            }
            throw QueryDocumentException.syntax(line, column, "unexpected '.', a fragment spread is '...'");
        }
        if (SINGLE_PUNCTUATORS.indexOf(c) >= 0) {
            position++;
            return new Token(Token.Kind.PUNCTUATOR, String.valueOf(c), line, column);
        }
        if (isNameStart(c)) {
            int start = position;
            while (position < source.length() && isNameContinue(source.charAt(position))) {
                position++;
            }
            return new Token(Token.Kind.NAME, source.substring(start, position), line, column);
        }
        if (c == '-' || isDigit(c)) {
            return number(column);
        }
        if (c == '"') {
            return source.startsWith("\"\"\"", position) ? blockString(column) : string(column);
        }
        throw QueryDocumentException.syntax(line, column, "unexpected character " + describe(c));
    }

    private void skipIgnored() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == ' ' || c == '\t' || c == ',' || c == '\uFEFF') {
                position++;
            } else if (c == '\n' || c == '\r') {
                newLine();
            } else if (c == '#') {
                while (position < source.length() && source.charAt(position) != '\n'
                        && source.charAt(position) != '\r') {
                    position++;
                }
            } else {
                return;
            }
        }
    }

    /** Consumes one line terminator ({@code \n}, {@code \r\n} or {@code \r}) at the current position. */
    private void newLine() {
        if (source.charAt(position) == '\r' && position + 1 < source.length()
                && source.charAt(position + 1) == '\n') {
            position++;
        }
        position++;
        line++;
        lineStart = position;
    }

    private Token number(int column) {
        int start = position;
        boolean isFloat = false;
        if (peek() == '-') {
            position++;
        }
        if (peek() == '0') {
            position++;
            if (isDigit(peek())) {
                throw QueryDocumentException.syntax(line, position - lineStart + 1,
                        "invalid number, unexpected digit after 0");
            }
        } else {
            digits();
        }
        if (peek() == '.') {
            isFloat = true;
            position++;
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            isFloat = true;
            position++;
            if (peek() == '+' || peek() == '-') {
                position++;
            }
            digits();
        }
        // The spec forbids a name or a dot right after a number: "1a" or "1.2.3" is an error, not two tokens.
        if (peek() == '.' || isNameStart(peek())) {
            throw QueryDocumentException.syntax(line, position - lineStart + 1,
                    "invalid number, unexpected " + describe(peek()));
        }
        return new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INT, source.substring(start, position), line,
                column);
    }

    private void digits() {
        if (!isDigit(peek())) {
            throw QueryDocumentException.syntax(line, position - lineStart + 1,
                    "invalid number, expected a digit but found "
                            + (position < source.length() ? describe(peek()) : "end of document"));
        }
        while (isDigit(peek())) {
            position++;
        }
    }

    private Token string(int column) {
        int startLine = line;
        position++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (position >= source.length() || peek() == '\n' || peek() == '\r') {
                throw QueryDocumentException.syntax(startLine, column, "unterminated string");
            }
            char c = source.charAt(position);
            if (c == '"') {
                position++;
                return new Token(Token.Kind.STRING, value.toString(), startLine, column);
            }
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                position++;
            }
        }
    }

    private void escape(StringBuilder value) {
        int escapeColumn = position - lineStart + 1;
        char c = position + 1 < source.length() ? source.charAt(position + 1) : 0;
        position += 2;
        switch (c) {
            case '"' -> value.append('"');
            case '\\' -> value.append('\\');
            case '/' -> value.append('/');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'u' -> value.appendCodePoint(unicodeEscape(escapeColumn));
            default -> throw QueryDocumentException.syntax(line, escapeColumn, "invalid escape sequence \\" + c);
        }
    }

    /** {@code \}{@code uXXXX} or the variable-width {@code \}{@code u{X...}}; the position is after the 'u'. */
    private int unicodeEscape(int escapeColumn) {
        int end;
        int start;
        if (peek() == '{') {
            start = position + 1;
            end = source.indexOf('}', start);
            if (end < 0 || end == start || end - start > 6) {
                throw QueryDocumentException.syntax(line, escapeColumn, "invalid unicode escape");
            }
            position = end + 1;
        } else {
            start = position;
            end = position + 4;
            position = end;
        }
        if (end > source.length()) {
            throw QueryDocumentException.syntax(line, escapeColumn, "invalid unicode escape");
        }
        int codePoint = 0;
        for (int i = start; i < end; i++) {
            char c = source.charAt(i);
            int digit = c < 128 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw QueryDocumentException.syntax(line, escapeColumn, "invalid unicode escape");
            }
            codePoint = codePoint * 16 + digit;
        }
        if (codePoint > Character.MAX_CODE_POINT) {
            throw QueryDocumentException.syntax(line, escapeColumn, "invalid unicode escape");
        }
        return codePoint;
    }

    private Token blockString(int column) {
        int startLine = line;
        position += 3;
        StringBuilder raw = new StringBuilder();
        while (true) {
            if (position >= source.length()) {
                throw QueryDocumentException.syntax(startLine, column, "unterminated block string");
            }
            if (source.startsWith("\"\"\"", position)) {
                position += 3;
                return new Token(Token.Kind.STRING, blockStringValue(raw.toString()), startLine, column);
            }
            if (source.startsWith("\\\"\"\"", position)) {
                raw.append("\"\"\"");
                position += 4;
            } else if (peek() == '\n' || peek() == '\r') {
                // Normalised to \n: the value's lines are split on it below.
                raw.append('\n');
                newLine();
            } else {
                raw.append(source.charAt(position++));
            }
        }
    }

    /** The spec's BlockStringValue: strip the common indentation and the blank first and last lines. */
    static String blockStringValue(String raw) {
        String[] lines = raw.split("\n", -1);
        int commonIndent = Integer.MAX_VALUE;
        for (int i = 1; i < lines.length; i++) {
            int indent = leadingWhitespace(lines[i]);
            if (indent < lines[i].length()) {
                commonIndent = Math.min(commonIndent, indent);
            }
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            kept.add(i > 0 && commonIndent != Integer.MAX_VALUE
                    ? lines[i].substring(Math.min(commonIndent, lines[i].length()))
                    : lines[i]);
        }
        while (!kept.isEmpty() && leadingWhitespace(kept.get(0)) == kept.get(0).length()) {
            kept.remove(0);
        }
        while (!kept.isEmpty() && leadingWhitespace(kept.get(kept.size() - 1)) == kept.get(kept.size() - 1).length()) {
            kept.remove(kept.size() - 1);
        }
        return String.join("\n", kept);
    }

    private static int leadingWhitespace(String line) {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private char peek() {
        return position < source.length() ? source.charAt(position) : 0;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNameContinue(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
