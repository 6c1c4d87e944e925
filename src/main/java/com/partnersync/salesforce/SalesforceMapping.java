package com.partnersync.salesforce;

import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.SourceRecord;

import java.util.List;

/** What the Salesforce source needs from the mapping files: which objects, which fields, and how a page maps. */
public interface SalesforceMapping {
    /** Mapped Salesforce objects, in mapping-file order. */
    List<String> objects();

    /** Field names and relationship paths to request for an object (validated again by {@link Soql}). */
    List<String> sourceFields(String object);

    MappingResult map(List<SourceRecord> page);
}
