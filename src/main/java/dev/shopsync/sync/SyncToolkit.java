package dev.shopsync.sync;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shopsync.budget.CostBudget;
import dev.shopsync.shopify.GraphQlClient;
import dev.shopsync.shopify.GraphQlDocuments;

/**
 * What every resource syncer reads with, in one injectable piece, so a new resource needs only its own parts.
 * A singleton without a client proxy: syncers read its fields directly while they are built.
 */
@Singleton
public class SyncToolkit {

    final GraphQlClient client;
    final GraphQlDocuments documents;
    final SyncConfig config;
    final AdaptivePageSize pageSize;
    final CostBudget budget;
    final ObjectMapper json;

    public SyncToolkit(GraphQlClient client, GraphQlDocuments documents, SyncConfig config, AdaptivePageSize pageSize,
            CostBudget budget, ObjectMapper json) {
        this.client = client;
        this.documents = documents;
        this.config = config;
        this.pageSize = pageSize;
        this.budget = budget;
        this.json = json;
    }

    public SyncConfig config() {
        return config;
    }
}
