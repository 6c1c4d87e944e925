package com.partnersync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads named records of one object in full: one {@code queryAll ... WHERE Id IN (...)} per 200 ids, so a change
 * event (which names records, not their values) loads through the same mapping as polling. queryAll also returns
 * records in the recycle bin, with IsDeleted, so a record deleted since the event soft-deletes its row. The client
 * checks each page's shape, so an unreadable answer fails the batch instead of reading as "no such records".
 */
public class SalesforceRecordFetch {
    private final SalesforceClient client;

    public SalesforceRecordFetch(SalesforceClient client) {
        this.client = client;
    }

    /** The records read (ids Salesforce no longer has are simply absent) and those that could not be read. */
    public record Fetched(List<SourceRecord> records, List<RecordError> errors) {
    }

    public Fetched fetch(String object, List<String> fields, List<String> ids) {
        Fetched fetched = new Fetched(new ArrayList<>(ids.size()), new ArrayList<>());
        for (int from = 0; from < ids.size(); from += Soql.MAX_IDS) {
            JsonNode page = client.query(Soql.byIds(object, fields, ids.subList(from, Math.min(ids.size(), from + Soql.MAX_IDS))), true);
            while (true) {
                SalesforceRecords.Page records = SalesforceRecords.fromJson(object, page.path("records"));
                fetched.records().addAll(records.records());
                fetched.errors().addAll(records.errors());
                if (page.path("done").asBoolean(true)) {
                    break;
                }
                page = client.getPath(page.path("nextRecordsUrl").asText());
            }
        }
        return fetched;
    }
}
