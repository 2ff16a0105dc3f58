package dev.shopsync.shopify;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One HTTP exchange with the Admin API that produced an answer worth interpreting: a parsed 200, a 429, or a
 * client error. Transient failures never become an Exchange; they are thrown and retried.
 */
record Exchange(int status, JsonNode body, String retryAfter, String apiVersion) {
}
