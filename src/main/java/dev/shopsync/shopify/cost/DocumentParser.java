package dev.shopsync.shopify.cost;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recursive-descent parser for executable GraphQL documents (spec section 2: operations, fragments, selections,
 * arguments, values, directives, variable definitions with types and defaults). Type-system definitions are
 * rejected: a request to Shopify never carries them. Beyond syntax it checks only what pricing depends on:
 * every spread fragment exists, fragments do not spread themselves, and names are unique.
 */
final class DocumentParser {

    private final List<Token> tokens;
    private int index;

    private DocumentParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws QueryDocumentException for a syntax error (with line and column) or an undefined/cyclic fragment */
    static ExecutableDocument parse(String text) {
        ExecutableDocument document = new DocumentParser(new GraphQlTokenizer(text).tokenize()).document();
        checkFragments(document);
        return document;
    }

    private ExecutableDocument document() {
        List<OperationDefinition> operations = new ArrayList<>();
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        Set<String> operationNames = new HashSet<>();
        if (peek().kind() == Token.Kind.END) {
            throw error(peek(), "the document is empty, expected an operation");
        }
        while (peek().kind() != Token.Kind.END) {
            Token start = peek();
            if (start.isPunctuator("{")) {
                operations.add(new OperationDefinition(OperationDefinition.Kind.QUERY, null, List.of(),
                        selectionSet()));
            } else if (start.kind() == Token.Kind.NAME && isOperationKeyword(start.text())) {
                OperationDefinition operation = operation();
                if (operation.name() != null && !operationNames.add(operation.name())) {
                    throw error(start, "there is more than one operation named \"" + operation.name() + "\"");
                }
                operations.add(operation);
            } else if (start.is(Token.Kind.NAME, "fragment")) {
                FragmentDefinition fragment = fragment();
                if (fragments.putIfAbsent(fragment.name(), fragment) != null) {
                    throw error(start, "there is more than one fragment named \"" + fragment.name() + "\"");
                }
            } else {
                throw error(start, "expected 'query', 'mutation', 'subscription', 'fragment' or '{' but found "
                        + start.describe() + (start.kind() == Token.Kind.NAME
                                ? " (type system definitions are not allowed in a request)"
                                : ""));
            }
        }
        if (operations.isEmpty()) {
            throw new QueryDocumentException("The document defines fragments but no operation");
        }
        return new ExecutableDocument(List.copyOf(operations), Map.copyOf(fragments));
    }

    private static boolean isOperationKeyword(String name) {
        return name.equals("query") || name.equals("mutation") || name.equals("subscription");
    }

    private OperationDefinition operation() {
        OperationDefinition.Kind kind = OperationDefinition.Kind.valueOf(advance().text().toUpperCase(Locale.ROOT));
        String name = peek().kind() == Token.Kind.NAME ? advance().text() : null;
        List<OperationDefinition.VariableDefinition> variables = peek().isPunctuator("(")
                ? variableDefinitions()
                : List.of();
        directives(true);
        return new OperationDefinition(kind, name, variables, selectionSet());
    }

    private List<OperationDefinition.VariableDefinition> variableDefinitions() {
        expect("(");
        List<OperationDefinition.VariableDefinition> definitions = new ArrayList<>();
        do {
            expect("$");
            String name = name();
            expect(":");
            type();
            Value defaultValue = null;
            if (peek().isPunctuator("=")) {
                advance();
                defaultValue = value(true);
            }
            directives(true);
            definitions.add(new OperationDefinition.VariableDefinition(name, defaultValue));
        } while (!peek().isPunctuator(")"));
        expect(")");
        return List.copyOf(definitions);
    }

    /** Types only need to be well formed: pricing never looks at them. */
    private void type() {
        if (peek().isPunctuator("[")) {
            advance();
            type();
            expect("]");
        } else {
            name();
        }
        if (peek().isPunctuator("!")) {
            advance();
        }
    }

    private FragmentDefinition fragment() {
        advance();
        Token nameToken = peek();
        String name = name();
        if (name.equals("on")) {
            throw error(nameToken, "a fragment cannot be named 'on'");
        }
        expectName("on");
        String typeCondition = name();
        directives(true);
        return new FragmentDefinition(name, typeCondition, selectionSet());
    }

    private List<Selection> selectionSet() {
        expect("{");
        List<Selection> selections = new ArrayList<>();
        do {
            if (peek().kind() == Token.Kind.END) {
                throw error(peek(), "expected '}' but found end of document");
            }
            selections.add(selection());
        } while (!peek().isPunctuator("}"));
        expect("}");
        return List.copyOf(selections);
    }

    private Selection selection() {
        if (!peek().isPunctuator("...")) {
            return field();
        }
        advance();
        if (peek().kind() == Token.Kind.NAME && !peek().text().equals("on")) {
            String fragmentName = name();
            return new Selection.FragmentSpread(fragmentName, directives(false));
        }
        String typeCondition = null;
        if (peek().is(Token.Kind.NAME, "on")) {
            advance();
            typeCondition = name();
        }
        List<Directive> directives = directives(false);
        return new Selection.InlineFragment(typeCondition, directives, selectionSet());
    }

    private Selection.Field field() {
        String alias = null;
        String name = name();
        if (peek().isPunctuator(":")) {
            advance();
            alias = name;
            name = name();
        }
        Map<String, Value> arguments = peek().isPunctuator("(") ? arguments(false) : Map.of();
        List<Directive> directives = directives(false);
        List<Selection> selections = peek().isPunctuator("{") ? selectionSet() : List.of();
        return new Selection.Field(alias, name, arguments, directives, selections);
    }

    private Map<String, Value> arguments(boolean constant) {
        expect("(");
        Map<String, Value> arguments = new LinkedHashMap<>();
        do {
            Token nameToken = peek();
            String name = name();
            expect(":");
            if (arguments.put(name, value(constant)) != null) {
                throw error(nameToken, "argument '" + name + "' is given twice");
            }
        } while (!peek().isPunctuator(")"));
        expect(")");
        return arguments;
    }

    private List<Directive> directives(boolean constant) {
        List<Directive> directives = new ArrayList<>();
        while (peek().isPunctuator("@")) {
            advance();
            String name = name();
            directives.add(new Directive(name, peek().isPunctuator("(") ? arguments(constant) : Map.of()));
        }
        return List.copyOf(directives);
    }

    /** A value; {@code constant} (defaults, operation and definition directives) forbids variables. */
    private Value value(boolean constant) {
        Token token = peek();
        switch (token.kind()) {
            case INT:
                advance();
                return new Value.Literal(new BigInteger(token.text()));
            case FLOAT:
                advance();
                return new Value.Literal(new BigDecimal(token.text()));
            case STRING:
                advance();
                return new Value.Literal(token.text());
            case NAME:
                advance();
                return switch (token.text()) {
                    case "true" -> new Value.Literal(Boolean.TRUE);
                    case "false" -> new Value.Literal(Boolean.FALSE);
                    case "null" -> new Value.Literal(null);
                    default -> new Value.Literal(token.text());
                };
            default:
                break;
        }
        if (token.isPunctuator("$")) {
            if (constant) {
                throw error(token, "a variable is not allowed here, only a constant value");
            }
            advance();
            return new Value.Variable(name());
        }
        if (token.isPunctuator("[")) {
            advance();
            List<Value> values = new ArrayList<>();
            while (!peek().isPunctuator("]")) {
                values.add(value(constant));
            }
            advance();
            return new Value.ListValue(List.copyOf(values));
        }
        if (token.isPunctuator("{")) {
            advance();
            Map<String, Value> fields = new LinkedHashMap<>();
            while (!peek().isPunctuator("}")) {
                Token nameToken = peek();
                String name = name();
                expect(":");
                if (fields.put(name, value(constant)) != null) {
                    throw error(nameToken, "input field '" + name + "' is given twice");
                }
            }
            advance();
            return new Value.ObjectValue(fields);
        }
        throw error(token, "expected a value but found " + token.describe());
    }

    private String name() {
        Token token = peek();
        if (token.kind() != Token.Kind.NAME) {
            throw error(token, "expected a name but found " + token.describe());
        }
        advance();
        return token.text();
    }

    private void expectName(String keyword) {
        Token token = peek();
        if (!token.is(Token.Kind.NAME, keyword)) {
            throw error(token, "expected '" + keyword + "' but found " + token.describe());
        }
        advance();
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

    private Token advance() {
        Token token = tokens.get(index);
        // END stays put, so a parser that keeps asking sees END instead of running off the list.
        if (token.kind() != Token.Kind.END) {
            index++;
        }
        return token;
    }

    private static QueryDocumentException error(Token at, String message) {
        return QueryDocumentException.syntax(at.line(), at.column(), message);
    }

    // ---- fragments -----------------------------------------------------------------------------------------

    /** Undefined or cyclic spreads make a document invalid everywhere, and a cycle would never finish pricing. */
    private static void checkFragments(ExecutableDocument document) {
        FragmentCheck check = new FragmentCheck(document.fragments());
        for (OperationDefinition operation : document.operations()) {
            check.spreads(operation.selections());
        }
        document.fragments().values().forEach(check::fragment);
    }

    /** Depth-first search over spreads; each fragment is checked once however often it is spread. */
    private static final class FragmentCheck {

        private final Map<String, FragmentDefinition> fragments;
        private final Deque<String> path = new ArrayDeque<>();
        private final Set<String> checked = new HashSet<>();

        FragmentCheck(Map<String, FragmentDefinition> fragments) {
            this.fragments = fragments;
        }

        void fragment(FragmentDefinition fragment) {
            if (checked.contains(fragment.name())) {
                return;
            }
            if (path.contains(fragment.name())) {
                throw new QueryDocumentException("Fragment \"" + fragment.name() + "\" spreads itself: "
                        + String.join(" -> ", path) + " -> " + fragment.name());
            }
            path.addLast(fragment.name());
            spreads(fragment.selections());
            path.removeLast();
            checked.add(fragment.name());
        }

        void spreads(List<Selection> selections) {
            for (Selection selection : selections) {
                if (selection instanceof Selection.Field field) {
                    spreads(field.selections());
                } else if (selection instanceof Selection.InlineFragment inline) {
                    spreads(inline.selections());
                } else if (selection instanceof Selection.FragmentSpread spread) {
                    FragmentDefinition fragment = fragments.get(spread.fragmentName());
                    if (fragment == null) {
                        throw new QueryDocumentException("Fragment \"" + spread.fragmentName()
                                + "\" is spread but not defined in the document (append its definition)");
                    }
                    fragment(fragment);
                }
            }
        }
    }
}
