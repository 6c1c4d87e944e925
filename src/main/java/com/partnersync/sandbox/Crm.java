package com.partnersync.sandbox;

/** The CRMs the sandbox simulates; {@link #sourceSystem()} is the model's {@code source_system} value. */
public enum Crm {
    SALESFORCE, HUBSPOT;

    public String sourceSystem() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
