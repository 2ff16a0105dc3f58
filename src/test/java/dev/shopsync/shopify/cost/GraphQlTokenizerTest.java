package dev.shopsync.shopify.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class GraphQlTokenizerTest {

    @Test
    void insignificantCharactersAreDroppedAndPositionsCounted() {
        List<Token> tokens = new GraphQlTokenizer("\uFEFF{ a,b # c\r\n  ...on }").tokenize();
        assertEquals(List.of("{", "a", "b", "...", "on", "}", ""), tokens.stream().map(Token::text).toList());
        Token spread = tokens.get(3);
        assertEquals(2, spread.line());
        assertEquals(3, spread.column());
        assertEquals(Token.Kind.END, tokens.get(tokens.size() - 1).kind());
    }

    @Test
    void numbersFollowTheSpecGrammar() {
        List<Token> tokens = new GraphQlTokenizer("-0 12 1.5 2e3 -4.0E-2").tokenize();
        assertEquals(List.of(Token.Kind.INT, Token.Kind.INT, Token.Kind.FLOAT, Token.Kind.FLOAT, Token.Kind.FLOAT,
                Token.Kind.END), tokens.stream().map(Token::kind).toList());
        assertThrows(QueryDocumentException.class, () -> new GraphQlTokenizer("1a").tokenize());
        assertThrows(QueryDocumentException.class, () -> new GraphQlTokenizer("1.").tokenize());
        assertThrows(QueryDocumentException.class, () -> new GraphQlTokenizer("- 1").tokenize());
    }

    @Test
    void stringEscapesAreDecoded() {
        Token token = new GraphQlTokenizer("\"a\\\"b\\\\c\\n\\u00e9\\u{1F600}\"").tokenize().get(0);
        assertEquals("a\"b\\c\né\uD83D\uDE00", token.text());
        assertThrows(QueryDocumentException.class, () -> new GraphQlTokenizer("\"\\q\"").tokenize());
        assertThrows(QueryDocumentException.class, () -> new GraphQlTokenizer("\"\\u12\"").tokenize());
        assertThrows(QueryDocumentException.class, () -> new GraphQlTokenizer("\"\\u+123\"").tokenize());
    }

    @Test
    void blockStringsLoseTheirCommonIndentAndBlankEdgeLines() {
        assertEquals("Hello,\n  World!\n\nYours,\n  GraphQL.",
                GraphQlTokenizer.blockStringValue("\n    Hello,\n      World!\n\n    Yours,\n      GraphQL.\n  "));
        List<Token> tokens = new GraphQlTokenizer("\"\"\"\n  one\r\n  two \\\"\"\"\n\"\"\" next").tokenize();
        assertEquals("one\ntwo \"\"\"", tokens.get(0).text());
        Token next = tokens.get(1);
        assertEquals(4, next.line(), "lines inside a block string are counted");
        assertEquals(5, next.column());
        assertThrows(QueryDocumentException.class, () -> new GraphQlTokenizer("\"\"\" open").tokenize());
    }
}
