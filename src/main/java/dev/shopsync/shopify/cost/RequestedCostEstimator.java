package dev.shopsync.shopify.cost;

import java.util.Map;

/**
 * Shopify's <em>requested</em> query cost (what the cost bucket reserves before a query runs), computed from the
 * query text alone: no schema and no graphql-java at runtime, so that the client can wait for enough budget
 * before sending, and can refuse a query over the 1,000-point ceiling without a round trip.
 *
 * <p>Rules (docs/shopify-facts.md, "Cost-based rate limit"; the connection formula is community-derived and
 * reproduces every published real cost). Where the text cannot tell, the rule chosen is the one that cannot
 * price below Shopify, so the result is exact or an upper bound:
 * <ul>
 * <li>A field without a selection set (scalar, enum, list of scalars) costs 0; so do {@code __typename} and
 * {@code pageInfo} (with its selection).</li>
 * <li>A field with a selection set and a {@code first} or {@code last} argument is a connection:
 * {@code 2 + floor(2 ln(max(2, n))) * (1 + node cost)}. {@code n} is the argument (a variable's value, else its
 * default; with both arguments the larger); when no non-null value is known, 250 (Shopify's maximum). The node
 * selection is the merge, by response key, of {@code nodes { }} and {@code edges { node { } }}; {@code cursor}
 * is a scalar. A paged field whose selection is not connection-shaped (a plain list such as
 * {@code Order.fulfillments(first:)}) prices its whole selection as the node, which covers both readings.</li>
 * <li>The root {@code nodes(ids:)} is priced like a connection of as many nodes as ids (a list literal's length
 * or a list variable's size; unknown: 250).</li>
 * <li>Any other field with a selection set is an object: {@code 1 + cost of its selection}.</li>
 * <li>Fragments (spreads and inline) merge into the enclosing selection; fields answering under the same key
 * merge rather than add, as in GraphQL execution. Fragments on different type conditions at one level are
 * alternatives (interface/union rule): the most expensive alternative, each together with the fields outside
 * the fragments.</li>
 * <li>{@code @skip(if:)} and {@code @include(if:)} are evaluated against the variables (a condition that is not
 * a known boolean keeps the selection); other directives are ignored.</li>
 * <li>A mutation field costs 10 plus the cost of its selection. The facts only say "mutation 10"; whether the
 * payload is added is not documented, so adding it is the upper bound.</li>
 * <li>The result is at least 1: no real response shows a cost of 0.</li>
 * </ul>
 *
 * <p>Known differences from Shopify, all in the safe direction except the last: value objects Shopify charges 0
 * for (money, addresses, {@code SelectedOption}, {@code Count}) cannot be told from other objects without the
 * schema and are charged 1 each; an undeterminable page size is priced at 250. Not covered: mutations with
 * dynamic cost from their input ({@code productSet}, {@code productCreate}, {@code productUpdate}: 10 plus
 * fractions per variant, file and metafield), and two type conditions at one level that both apply to the
 * returned object (an interface and a type implementing it), which Shopify would add while this takes the
 * larger. The server's {@code requestedQueryCost} in each response stays the truth.
 *
 * <p>Stateless and thread-safe: every call parses and prices on its own objects.
 */
public final class RequestedCostEstimator {

    public RequestedCostEstimator() {
        // Stateless; the constructor exists so the class can be created directly or wrapped as a CDI bean.
    }

    /**
     * Shopify's requested cost of this operation with these variables; an UPPER BOUND when the text alone cannot
     * tell.
     *
     * @param document the query text, fragments included
     * @param variables the request's variables, as they will be sent (null for none)
     * @param operationName the operation to price; null when the document has only one
     * @throws QueryDocumentException when the document does not parse, has no such operation, or spreads a
     *         fragment it does not define
     */
    public int estimate(String document, Map<String, Object> variables, String operationName) {
        if (document == null) {
            throw new QueryDocumentException("The query document is null");
        }
        ExecutableDocument parsed = DocumentParser.parse(document);
        OperationDefinition operation = parsed.operation(operationName);
        long cost = new CostWalk(parsed.fragments(), operation, variables == null ? Map.of() : variables).cost();
        return (int) Math.max(1, cost);
    }
}
