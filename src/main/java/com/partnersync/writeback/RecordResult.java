package com.partnersync.writeback;

import java.util.List;

/** The CRM's answer for one record of a batch. */
public record RecordResult(Outcome outcome, String code, String message, List<String> fields) {
    public enum Outcome { WRITTEN, RETRY, FAILED }

    static final RecordResult WRITTEN = new RecordResult(Outcome.WRITTEN, null, null, List.of());

    static RecordResult error(boolean retryable, String code, String message, List<String> fields) {
        return new RecordResult(retryable ? Outcome.RETRY : Outcome.FAILED, code, message, fields);
    }
}
