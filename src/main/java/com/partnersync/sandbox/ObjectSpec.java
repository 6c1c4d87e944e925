package com.partnersync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * How one CRM object's records are made: planted scenario records (indexes 0..planted-1, fixed content) and generated
 * records from the seed and their index. Associations are HubSpot's (toObject -> ids, primary first).
 */
record ObjectSpec(Crm crm, String name, IdFormat ids, List<Planted> planted, Generator generator, int defaultGenerated) {

    /** A CRM's id encoding of record indexes; {@code index} answers -1 for an id that is not one of this object's. */
    record IdFormat(java.util.function.LongFunction<String> encode, java.util.function.ToLongFunction<String> decode) {
        String id(long index) {
            return encode.apply(index);
        }

        long index(String id) {
            return decode.applyAsLong(id);
        }
    }

    interface Generator {
        Generated generate(long index, SplittableRandom random, Layout layout);
    }

    /** What generators may know about the other objects: how many records there are and their ids. */
    interface Layout {
        long count(Crm crm, String object);

        String id(Crm crm, String object, long index);

        /** Index of a random generated (not planted) record, so generated data never disturbs a planted scenario. */
        long generatedIndex(Crm crm, String object, SplittableRandom random);

        /** How many planted records come before the generated ones (the first generated index). */
        long planted(Crm crm, String object);

        /** When the record at this index was created (CreatedDate / createdate). */
        java.time.Instant createdAt(Crm crm, String object, long index);

        /** The partner program's plan the generated records of every object share. */
        ProgramStory story();
    }

    record Generated(Map<String, Object> fields, Map<String, List<String>> associations) {
    }

    /** A scenario record; {@code writeFailure} set when writes to it must fail. */
    record Planted(String scenario, Map<String, Object> fields, Map<String, List<String>> associations,
                   SandboxError writeFailure) {
    }
}
