package dev.shopsync.budget;

/** A query costs more than the shop's whole bucket: no wait can make it affordable. */
public class BudgetExceededException extends IllegalStateException {

    public BudgetExceededException(String shop, int cost, double maximum) {
        super("shop " + shop + ": a query costing " + cost + " points can never fit its bucket of "
                + (long) maximum + " points; use smaller pages");
    }
}
