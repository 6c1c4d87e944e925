package com.partnersync.sync;

import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.warehouse.Checkpoint;

import java.util.List;

/**
 * The CRM-specific half of syncing one object: how to read it page by page after its checkpoint. The other half,
 * the same for every CRM (read-ahead, mapping, page + checkpoint in one transaction, counts, summary), is
 * {@link ObjectSync}; the {@code crm-object} route of {@link CrmObjectRoutes} calls both, per mapped object.
 *
 * @param <C> what one run of one object reads next (its cursor), made by {@link #plan}
 * @param <P> a page as this CRM reads it
 */
public interface PageReader<C, P extends PageReader.Page> {
    /** One page: what is mapped and committed in one transaction, and what committing it means. */
    interface Page {
        /** The page's records, their related data attached. */
        List<SourceRecord> records();

        /** Records that could not be read as records (no id, no usable modification time): kept in sync_error. */
        List<RecordError> errors();

        /** The checkpoint to save in the page's transaction; null leaves it as it is. */
        Checkpoint checkpoint();

        /** Nothing is left to read after this page. */
        boolean last();
    }

    String sourceSystem();

    /** From the object's checkpoint (and any saved cursor): what this run reads. Makes no API call. */
    C plan(String object);

    /** Reads the next page. Called for one run by one thread at a time, page after page, never after a last page. */
    P fetch(C cursor);

    /** Reads the related data the mappings need into the page's records (HubSpot associations); may do nothing. */
    void attach(C cursor, P page);

    /** After the page and its checkpoint are committed: what is kept outside that transaction (cursors, marks). */
    void committed(C cursor, P page);

    /** The API calls this run of the object has made so far. */
    long apiCalls(C cursor);
}
