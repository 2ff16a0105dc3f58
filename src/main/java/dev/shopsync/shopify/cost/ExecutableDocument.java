package dev.shopsync.shopify.cost;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A parsed document: its operations in order and its fragments by name. */
record ExecutableDocument(List<OperationDefinition> operations, Map<String, FragmentDefinition> fragments) {

    /**
     * The operation to run, chosen as a GraphQL server chooses it: by name, or the only one when no name is given.
     *
     * @throws QueryDocumentException when there is no such operation or the choice is ambiguous
     */
    OperationDefinition operation(String operationName) {
        if (operationName == null) {
            if (operations.size() == 1) {
                return operations.get(0);
            }
            throw new QueryDocumentException("The document defines " + operations.size() + " operations ("
                    + names() + "); an operation name is required to choose one");
        }
        for (OperationDefinition operation : operations) {
            if (operationName.equals(operation.name())) {
                return operation;
            }
        }
        throw new QueryDocumentException("No operation named \"" + operationName + "\" in the document; it defines: "
                + names());
    }

    private String names() {
        return operations.stream()
                .map(operation -> operation.name() == null ? "(anonymous)" : operation.name())
                .collect(Collectors.joining(", "));
    }
}
