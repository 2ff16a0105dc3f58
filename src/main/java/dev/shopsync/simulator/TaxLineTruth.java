package dev.shopsync.simulator;

/**
 * One tax charged on an order.
 *
 * @param rate  a decimal fraction such as {@code "0.06"}
 * @param price a decimal string
 */
public record TaxLineTruth(String title, String rate, String price) {
}
