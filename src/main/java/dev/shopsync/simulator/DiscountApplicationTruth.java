package dev.shopsync.simulator;

/**
 * One discount applied to an order (the API shows it as a {@code ManualDiscountApplication}).
 *
 * @param allocationMethod a {@code DiscountApplicationAllocationMethod} name
 * @param targetType       a {@code DiscountApplicationTargetType} name
 * @param value            a fixed amount such as {@code "5.00"} (a {@code MoneyV2}), or a percentage with a trailing
 *                         percent sign such as {@code "10.0%"} (a {@code PricingPercentageValue})
 */
public record DiscountApplicationTruth(int index, String allocationMethod, String targetType, String value) {

    public boolean isPercentage() {
        return value.endsWith("%");
    }
}
