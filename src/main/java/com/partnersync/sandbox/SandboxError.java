package com.partnersync.sandbox;

import java.util.List;

/**
 * An error the sandbox CRM answers with, e.g. for a record set up to fail writes. Simulators render it in their
 * CRM's error body: Salesforce {@code [{"message","errorCode","fields"}]}, HubSpot {@code {status:"error",message,category}}.
 */
public record SandboxError(int httpStatus, String errorCode, String message, List<String> fields) {
    public SandboxError {
        fields = List.copyOf(fields);
    }
}
