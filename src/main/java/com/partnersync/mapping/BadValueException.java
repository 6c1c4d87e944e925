package com.partnersync.mapping;

/** A CRM value that a coercion or transform cannot turn into a model value; becomes a {@link RecordError}. */
class BadValueException extends RuntimeException {
    BadValueException(String message) {
        super(message, null, false, false);
    }

    static BadValueException of(String what, Object value) {
        return new BadValueException(what + ": '" + value + "'");
    }
}
