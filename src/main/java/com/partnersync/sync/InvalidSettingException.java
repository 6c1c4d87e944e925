package com.partnersync.sync;

/** A setting whose value cannot be used: start-up stops with one line naming the key, the value and what is allowed. */
public class InvalidSettingException extends IllegalArgumentException {
    public InvalidSettingException(String key, Object value, String allowed) {
        super(key + "=" + value + " is not valid: expected " + allowed);
    }
}
