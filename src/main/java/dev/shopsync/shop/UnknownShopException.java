package dev.shopsync.shop;

import java.util.Collection;

/** A request named a shop that is not configured. */
public class UnknownShopException extends IllegalArgumentException {

    public UnknownShopException(String shop, Collection<String> known) {
        super("unknown shop '" + shop + "'; configured shops: " + known);
    }
}
