package dev.shopsync.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shopsync.shopify.GraphQlDocuments;
import dev.shopsync.support.SimulatorResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Priming, as Lambda's runtime calls it before a SnapStart snapshot: every query document is loaded and costed, the
 * client built and closed, and it can run again (each published version takes a snapshot; tests call it twice).
 */
@QuarkusTest
@WithTestResource(SimulatorResource.class)
class PrimingTest {

    @Inject
    Priming priming;

    @Inject
    GraphQlDocuments documents;

    @Test
    void everyQueryDocumentIsPrimedAndPrimingCanRunAgain() throws Exception {
        assertEquals(43, documents.operations().size());
        priming.beforeCheckpoint(null);
        assertEquals(documents.operations().size(), priming.prime());
    }
}
