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

    private final TokenCursor cursor;

    private DocumentParser(String text) {
        this.cursor = new TokenCursor(text);
    }

    /** @throws QueryDocumentException for a syntax error (with line and column) or an undefined/cyclic fragment */
    static ExecutableDocument parse(String text) {
        ExecutableDocument document = new DocumentParser(text).document();
        checkFragments(document);
        return document;
    }

    private ExecutableDocument document() {
        List<OperationDefinition> operations = new ArrayList<>();
        Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
        Set<String> operationNames = new HashSet<>();
        if (cursor.peek().kind() == Token.Kind.END) {
            throw TokenCursor.error(cursor.peek(), "the document is empty, expected an operation");
        }
        while (cursor.peek().kind() != Token.Kind.END) {
            Token start = cursor.peek();
            if (start.isPunctuator("{")) {
                operations.add(new OperationDefinition(OperationDefinition.Kind.QUERY, null, List.of(),
                        selectionSet()));
            } else if (start.kind() == Token.Kind.NAME && isOperationKeyword(start.text())) {
                OperationDefinition operation = operation();
                if (operation.name() != null && !operationNames.add(operation.name())) {
                    throw TokenCursor.error(start, "there is more than one operation named \"" + operation.name()
                            + "\"");
                }
                operations.add(operation);
            } else if (start.is(Token.Kind.NAME, "fragment")) {
                FragmentDefinition fragment = fragment();
                if (fragments.putIfAbsent(fragment.name(), fragment) != null) {
                    throw TokenCursor.error(start, "there is more than one fragment named \"" + fragment.name() + "\"");
                }
            } else {
                throw TokenCursor.error(start,
                        "expected 'query', 'mutation', 'subscription', 'fragment' or '{' but found " + start.describe()
                                + (start.kind() == Token.Kind.NAME
                                        ? " (type system definitions are not allowed in a request)" : ""));
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
        OperationDefinition.Kind kind = OperationDefinition.Kind.valueOf(
                cursor.advance().text().toUpperCase(Locale.ROOT));
        String name = cursor.peek().kind() == Token.Kind.NAME ? cursor.advance().text() : null;
        List<OperationDefinition.VariableDefinition> variables = cursor.peek().isPunctuator("(")
                ? variableDefinitions()
                : List.of();
        directives(true);
        return new OperationDefinition(kind, name, variables, selectionSet());
    }

    private List<OperationDefinition.VariableDefinition> variableDefinitions() {
        cursor.expect("(");
        List<OperationDefinition.VariableDefinition> definitions = new ArrayList<>();
        do {
            cursor.expect("$");
            String name = cursor.name();
            cursor.expect(":");
            type();
            Value defaultValue = null;
            if (cursor.peek().isPunctuator("=")) {
                cursor.advance();
                defaultValue = value(true);
            }
            directives(true);
            definitions.add(new OperationDefinition.VariableDefinition(name, defaultValue));
        } while (!cursor.peek().isPunctuator(")"));
        cursor.expect(")");
        return List.copyOf(definitions);
    }

    /** Types only need to be well formed: pricing never looks at them. */
    private void type() {
        if (cursor.peek().isPunctuator("[")) {
            cursor.advance();
            type();
            cursor.expect("]");
        } else {
            cursor.name();
        }
        if (cursor.peek().isPunctuator("!")) {
            cursor.advance();
        }
    }

    private FragmentDefinition fragment() {
        cursor.advance();
        Token nameToken = cursor.peek();
        String name = cursor.name();
        if (name.equals("on")) {
            throw TokenCursor.error(nameToken, "a fragment cannot be named 'on'");
        }
        cursor.expectName("on");
        String typeCondition = cursor.name();
        directives(true);
        return new FragmentDefinition(name, typeCondition, selectionSet());
    }

    private List<Selection> selectionSet() {
        cursor.expect("{");
        List<Selection> selections = new ArrayList<>();
        do {
            if (cursor.peek().kind() == Token.Kind.END) {
                throw TokenCursor.error(cursor.peek(), "expected '}' but found end of document");
            }
            selections.add(selection());
        } while (!cursor.peek().isPunctuator("}"));
        cursor.expect("}");
        return List.copyOf(selections);
    }

    private Selection selection() {
        if (!cursor.peek().isPunctuator("...")) {
            return field();
        }
        cursor.advance();
        if (cursor.peek().kind() == Token.Kind.NAME && !cursor.peek().text().equals("on")) {
            String fragmentName = cursor.name();
            return new Selection.FragmentSpread(fragmentName, directives(false));
        }
        String typeCondition = null;
        if (cursor.peek().is(Token.Kind.NAME, "on")) {
            cursor.advance();
            typeCondition = cursor.name();
        }
        List<Directive> directives = directives(false);
        return new Selection.InlineFragment(typeCondition, directives, selectionSet());
    }

    private Selection.Field field() {
        String alias = null;
        String name = cursor.name();
        if (cursor.peek().isPunctuator(":")) {
            cursor.advance();
            alias = name;
            name = cursor.name();
        }
        Map<String, Value> arguments = cursor.peek().isPunctuator("(") ? arguments(false) : Map.of();
        List<Directive> directives = directives(false);
        List<Selection> selections = cursor.peek().isPunctuator("{") ? selectionSet() : List.of();
        return new Selection.Field(alias, name, arguments, directives, selections);
    }

    private Map<String, Value> arguments(boolean constant) {
        cursor.expect("(");
        Map<String, Value> arguments = new LinkedHashMap<>();
        do {
            Token nameToken = cursor.peek();
            String name = cursor.name();
            cursor.expect(":");
            if (arguments.put(name, value(constant)) != null) {
                throw TokenCursor.error(nameToken, "argument '" + name + "' is given twice");
            }
        } while (!cursor.peek().isPunctuator(")"));
        cursor.expect(")");
        return arguments;
    }

    private List<Directive> directives(boolean constant) {
        List<Directive> directives = new ArrayList<>();
        while (cursor.peek().isPunctuator("@")) {
            cursor.advance();
            String name = cursor.name();
            directives.add(new Directive(name, cursor.peek().isPunctuator("(") ? arguments(constant) : Map.of()));
        }
        return List.copyOf(directives);
    }

    /** A value; {@code constant} (defaults, operation and definition directives) forbids variables. */
    private Value value(boolean constant) {
        Token token = cursor.peek();
        switch (token.kind()) {
            case INT:
                cursor.advance();
                return new Value.Literal(new BigInteger(token.text()));
            case FLOAT:
                cursor.advance();
                return new Value.Literal(new BigDecimal(token.text()));
            case STRING:
                cursor.advance();
                return new Value.Literal(token.text());
            case NAME:
                cursor.advance();
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
                throw TokenCursor.error(token, "a variable is not allowed here, only a constant value");
            }
            cursor.advance();
            return new Value.Variable(cursor.name());
        }
        if (token.isPunctuator("[")) {
            cursor.advance();
            List<Value> values = new ArrayList<>();
            while (!cursor.peek().isPunctuator("]")) {
                values.add(value(constant));
            }
            cursor.advance();
            return new Value.ListValue(List.copyOf(values));
        }
        if (token.isPunctuator("{")) {
            cursor.advance();
            Map<String, Value> fields = new LinkedHashMap<>();
            while (!cursor.peek().isPunctuator("}")) {
                Token nameToken = cursor.peek();
                String name = cursor.name();
                cursor.expect(":");
                if (fields.put(name, value(constant)) != null) {
                    throw TokenCursor.error(nameToken, "input field '" + name + "' is given twice");
                }
            }
            cursor.advance();
            return new Value.ObjectValue(fields);
        }
        throw TokenCursor.error(token, "expected a value but found " + token.describe());
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
