package com.partnersync.warehouse;

/** The warehouse could not take a page; the page's checkpoint was not saved, so the page will be read again. */
public class WarehouseException extends RuntimeException {
    public WarehouseException(String message, Throwable cause) {
        super(message, cause);
    }
}
