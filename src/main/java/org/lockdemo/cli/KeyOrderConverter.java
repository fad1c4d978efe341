package org.lockdemo.cli;

import org.lockdemo.model.KeyOrder;

/** Accepts {@code arrival} and {@code sorted} for {@code --key-order}; also its completion candidates. */
public final class KeyOrderConverter extends IdChoice<KeyOrder> {
    public KeyOrderConverter() {
        super(KeyOrder.values(), KeyOrder::id, "a key order");
    }
}
