package com.partnersync.sandbox;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A deterministic CRM data set for both CRMs, generated lazily: a record is computed from (seed, object, index) when it
 * is read, so a million-record object pages in O(limit) time and constant memory. Only changes made through
 * {@link #update}/{@link #delete} are stored (an overlay that moves the record to its new (modifiedAt, id) position).
 * Planted scenario records (partners of every type, deal-registration cases, duplicate leads, malformed values,
 * write failures) sit at the newest positions of each object; generated records fill the rest.
 * Thread-safe: the simulators read and write it from WireMock's request threads.
 */
public final class SandboxDataset {
    /** Default {@code asOf}: the newest record is just before it; scenario dates are relative to it. */
    public static final Instant DEFAULT_AS_OF = Instant.parse("2026-03-01T12:00:00Z");
    public static final long DEFAULT_SEED = 42L;
    private static final int DELETED_EVERY = 53;
    private static final int DELETED_AT = 17;

    private final long seed;
    private final Instant asOf;
    private final Clock clock;
    private final Map<Crm, Map<String, ObjectData>> objects = new EnumMap<>(Crm.class);
    private final SandboxContent content;
    private final ProgramStory story;
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    private SandboxDataset(Builder builder) {
        this.seed = builder.seed;
        this.asOf = builder.asOf.truncatedTo(ChronoUnit.SECONDS);
        this.clock = builder.clock;
        this.content = SandboxContent.create(asOf);
        int ordinal = 0;
        for (ObjectSpec spec : content.specs()) {
            long wanted = Optional.ofNullable(builder.counts.get(spec.crm() + "/" + spec.name()))
                    .orElse(spec.planted().size() + Math.round(spec.defaultGenerated() * builder.scale));
            if (wanted < spec.planted().size() || wanted > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(spec.crm() + " " + spec.name() + ": count " + wanted
                        + " must be between the " + spec.planted().size() + " planted scenario records and 2^31-1");
            }
            objects.computeIfAbsent(spec.crm(), c -> new LinkedHashMap<>())
                    .put(spec.name(), new ObjectData(spec, ordinal++, (int) wanted));
        }
        for (String counted : builder.counts.keySet()) {
            String[] key = counted.split("/", 2);
            data(Crm.valueOf(key[0]), key[1]);
        }
        story = new ProgramStory(seed, asOf, objects.get(Crm.SALESFORCE).values().iterator().next());
        objects.values().forEach(byName -> byName.values().forEach(ObjectData::learnFieldNames));
    }

    public static Builder builder() {
        return new Builder();
    }

    public long seed() {
        return seed;
    }

    public Instant asOf() {
        return asOf;
    }

    /** The CRM's object API names the sandbox serves, e.g. Account, Opportunity ... or companies, deals ... */
    public List<String> objects(Crm crm) {
        return List.copyOf(objects.getOrDefault(crm, Map.of()).keySet());
    }

    /**
     * Every field the object's records carry, system fields included, in record order: for a describe call, or to
     * answer a query for an unknown field with the CRM's error.
     */
    public List<String> fields(Crm crm, String object) {
        return List.copyOf(data(crm, object).generate(0).fields().keySet());
    }

    public synchronized long count(Crm crm, String object, boolean includeDeleted) {
        ObjectData data = data(crm, object);
        long count = data.count - (includeDeleted ? 0 : data.generatedDeletedCount());
        if (!includeDeleted) {
            for (Map.Entry<Long, SandboxRecord> change : data.changed.entrySet()) {
                boolean wasDeleted = data.generatedDeleted(change.getKey());
                count += (wasDeleted ? 1 : 0) - (change.getValue().deleted() ? 1 : 0);
            }
        }
        return count;
    }

    /**
     * Up to {@code limit} records in (modifiedAt, id) order that come strictly after {@code afterExclusive}, were
     * modified at or after {@code modifiedSince} and before {@code modifiedBefore} (each bound optional).
     */
    public synchronized List<SandboxRecord> pageAfter(Crm crm, String object, Cursor afterExclusive, Instant modifiedSince,
                                                      Instant modifiedBefore, int limit, boolean includeDeleted) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        ObjectData data = data(crm, object);
        Cursor since = modifiedSince == null ? null : new Cursor(modifiedSince, "");
        int position = data.firstPositionAfter(afterExclusive, since);
        NavigableMap<Cursor, SandboxRecord> moved = data.moved;
        if (afterExclusive != null && (since == null || afterExclusive.compareTo(since) >= 0)) {
            moved = moved.tailMap(afterExclusive, false);
        } else if (since != null) {
            moved = moved.tailMap(since, true);
        }
        Iterator<SandboxRecord> overlay = moved.values().iterator();
        SandboxRecord nextChanged = nextVisible(overlay, includeDeleted);
        List<SandboxRecord> page = new ArrayList<>(Math.min(limit, 2_048));
        while (page.size() < limit) {
            position = data.nextVisiblePosition(position, includeDeleted);
            Cursor base = position < data.count ? data.cursorAt(position) : null;
            boolean takeChanged = nextChanged != null && (base == null || nextChanged.cursor().compareTo(base) < 0);
            SandboxRecord next = takeChanged ? nextChanged : base == null ? null : data.generate(data.indexAt(position));
            if (next == null || (modifiedBefore != null && !next.modifiedAt().isBefore(modifiedBefore))) {
                break;
            }
            page.add(next);
            if (takeChanged) {
                nextChanged = nextVisible(overlay, includeDeleted);
            } else {
                position++;
            }
        }
        return page;
    }

    private static SandboxRecord nextVisible(Iterator<SandboxRecord> records, boolean includeDeleted) {
        while (records.hasNext()) {
            SandboxRecord record = records.next();
            if (includeDeleted || !record.deleted()) {
                return record;
            }
        }
        return null;
    }

    /** The record with this id, deleted ones included; empty for an id the object does not have. */
    public synchronized Optional<SandboxRecord> record(Crm crm, String object, String id) {
        ObjectData data = data(crm, object);
        long index = data.spec.ids().index(id);
        if (index < 0 || index >= data.count) {
            return Optional.empty();
        }
        SandboxRecord changed = data.changed.get(index);
        return Optional.of(changed != null ? changed : data.generate(index));
    }

    /** The CRM's clock, which stamps changes: its answers carry this time in their Date header, as real APIs do. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Applies field changes (CRM field names) to a live record and bumps its modified time to the clock, which moves
     * it to the end of the change order where an incremental sync finds it again.
     *
     * @throws NoSuchElementException for an unknown or deleted record
     */
    public synchronized SandboxRecord update(Crm crm, String object, String id, Map<String, ?> changes) {
        SandboxRecord current = live(crm, object, id);
        Map<String, Object> fields = new LinkedHashMap<>(current.fields());
        fields.putAll(changes);
        return replace(crm, object, current, fields, false);
    }

    /**
     * Deletes (Salesforce: to the recycle bin, IsDeleted) or archives (HubSpot) a record, as of the clock.
     *
     * @throws NoSuchElementException for an unknown or already deleted record
     */
    public synchronized SandboxRecord delete(Crm crm, String object, String id) {
        SandboxRecord current = live(crm, object, id);
        return replace(crm, object, current, new LinkedHashMap<>(current.fields()), true);
    }

    /**
     * Restores a deleted record (Salesforce: from the recycle bin) as of the clock.
     *
     * @throws NoSuchElementException for an unknown record or one that is not deleted
     */
    public synchronized SandboxRecord undelete(Crm crm, String object, String id) {
        SandboxRecord current = record(crm, object, id).filter(SandboxRecord::deleted)
                .orElseThrow(() -> new NoSuchElementException(crm + " " + object + " has no deleted record " + id));
        return replace(crm, object, current, new LinkedHashMap<>(current.fields()), false);
    }

    /** A record changed: {@code before} is its previous version (deleted or not), {@code after} the new one. */
    @FunctionalInterface
    public interface ChangeListener {
        void changed(Crm crm, String object, SandboxRecord before, SandboxRecord after);
    }

    /** Listeners hear every change in change order, on the changing thread (the dataset's lock is held). */
    public void addChangeListener(ChangeListener listener) {
        listeners.add(listener);
    }

    private SandboxRecord live(Crm crm, String object, String id) {
        return record(crm, object, id).filter(r -> !r.deleted())
                .orElseThrow(() -> new NoSuchElementException(crm + " " + object + " has no live record " + id));
    }

    private SandboxRecord replace(Crm crm, String object, SandboxRecord current, Map<String, Object> fields,
                                  boolean deleted) {
        ObjectData data = data(crm, object);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        SandboxRecord updated = SystemFields.render(crm, object, current.id(), current.createdAt(), now, deleted, fields);
        long index = data.spec.ids().index(current.id());
        SandboxRecord previous = data.changed.put(index, updated);
        if (previous != null) {
            data.moved.remove(previous.cursor());
        }
        data.moved.put(updated.cursor(), updated);
        for (ChangeListener listener : listeners) {
            listener.changed(crm, object, current, updated);
        }
        return updated;
    }

    /**
     * HubSpot associations of a record, e.g. {@code associations("deals", id, "companies")} (primary company first);
     * empty when there are none or the direction is not modelled.
     */
    public List<String> associations(String fromObject, String id, String toObject) {
        ObjectData data = data(Crm.HUBSPOT, fromObject);
        long index = data.spec.ids().index(id);
        if (index < 0 || index >= data.count) {
            return List.of();
        }
        Map<String, List<String>> associations = index < data.spec.planted().size()
                ? data.spec.planted().get((int) index).associations()
                : data.generated(index).associations();
        return associations.getOrDefault(toObject, List.of());
    }

    /** The CRM error a write to this record must fail with, for records planted to exercise write-back errors. */
    public Optional<SandboxError> writeFailure(Crm crm, String object, String id) {
        ObjectData data = data(crm, object);
        long index = data.spec.ids().index(id);
        if (index < 0 || index >= data.spec.planted().size()) {
            return Optional.empty();
        }
        return Optional.ofNullable(data.spec.planted().get((int) index).writeFailure());
    }

    /** Ground truth: records planted as one real person (leads and contacts across both CRMs and partner submissions). */
    public List<DuplicateGroup> plantedDuplicateGroups() {
        return content.duplicateGroups();
    }

    /** Ground truth: look-alike records of different people that a deduplicator must keep apart. */
    public List<DuplicateGroup> plantedLookAlikes() {
        return content.lookAlikes();
    }

    /** Planted scenario name (e.g. "deal-registration/expired") -> its records, for tests that need a given case. */
    public Map<String, List<RecordRef>> scenarios() {
        Map<String, List<RecordRef>> scenarios = new TreeMap<>();
        for (Map.Entry<Crm, Map<String, ObjectData>> crm : objects.entrySet()) {
            for (ObjectData data : crm.getValue().values()) {
                List<ObjectSpec.Planted> planted = data.spec.planted();
                for (int i = 0; i < planted.size(); i++) {
                    scenarios.computeIfAbsent(planted.get(i).scenario(), s -> new ArrayList<>())
                            .add(new RecordRef(crm.getKey(), data.spec.name(), data.spec.ids().id(i)));
                }
            }
        }
        scenarios.replaceAll((name, refs) -> Collections.unmodifiableList(refs));
        return Collections.unmodifiableMap(scenarios);
    }

    /**
     * Records the dataset holds in memory: the planted ones plus every changed one. Generated records are never kept,
     * which is what lets a million-record object page in constant memory.
     */
    synchronized long retainedRecords() {
        long retained = 0;
        for (Map<String, ObjectData> byName : objects.values()) {
            for (ObjectData data : byName.values()) {
                retained += data.planted + data.changed.size() + data.moved.size();
            }
        }
        return retained;
    }

    /** Longest run of records of this object sharing one modified time (bursts that cross page boundaries). */
    public int longestBurst(Crm crm, String object) {
        return data(crm, object).timeline.longestBurst();
    }

    private ObjectData data(Crm crm, String object) {
        ObjectData data = objects.getOrDefault(crm, Map.of()).get(object);
        if (data == null) {
            throw new IllegalArgumentException(crm + " has no object '" + object + "' in the sandbox; objects: " + objects(crm));
        }
        return data;
    }

    /**
     * One object's layout. Indexes 0..planted-1 are the planted records, planted.. are generated; positions (change
     * order) put generated records first, oldest first, then the planted ones.
     */
    private final class ObjectData implements ObjectSpec.Layout {
        final ObjectSpec spec;
        final long objectKey;
        final int count;
        final int planted;
        final int generatedCount;
        final Timeline timeline;
        final Map<Long, SandboxRecord> changed = new HashMap<>();
        final TreeMap<Cursor, SandboxRecord> moved = new TreeMap<>();
        /** Every field of the object, so planted records that leave some out still carry them (as null). */
        private List<String> fieldNames = List.of();

        ObjectData(ObjectSpec spec, int ordinal, int count) {
            this.spec = spec;
            this.objectKey = ordinal + 1L;
            this.count = count;
            this.planted = spec.planted().size();
            this.generatedCount = count - planted;
            this.timeline = new Timeline(count, generatedCount, asOf);
        }

        void learnFieldNames() {
            long sample = planted;
            fieldNames = List.copyOf(spec.generator().generate(sample, random(sample), this).fields().keySet());
        }

        long indexAt(int position) {
            return position < generatedCount ? position + planted : position - generatedCount;
        }

        Cursor cursorAt(int position) {
            return new Cursor(timeline.modifiedAt(position), spec.ids().id(indexAt(position)));
        }

        boolean generatedDeleted(long index) {
            return index >= planted && (index - planted) % DELETED_EVERY == DELETED_AT;
        }

        long generatedDeletedCount() {
            return generatedCount / DELETED_EVERY + (generatedCount % DELETED_EVERY > DELETED_AT ? 1 : 0);
        }

        /** First position whose cursor is after {@code after} and not before {@code since}: binary search, both monotone. */
        int firstPositionAfter(Cursor after, Cursor since) {
            int low = 0;
            int high = count;
            while (low < high) {
                int middle = (low + high) >>> 1;
                Cursor cursor = cursorAt(middle);
                boolean inRange = (after == null || cursor.compareTo(after) > 0) && (since == null || cursor.compareTo(since) >= 0);
                if (inRange) {
                    high = middle;
                } else {
                    low = middle + 1;
                }
            }
            return low;
        }

        /** Skips positions whose record lives in the overlay (changed) or is deleted when deleted ones are not wanted. */
        int nextVisiblePosition(int position, boolean includeDeleted) {
            while (position < count) {
                long index = indexAt(position);
                if (!changed.containsKey(index) && (includeDeleted || !generatedDeleted(index))) {
                    return position;
                }
                position++;
            }
            return position;
        }

        SplittableRandom random(long index) {
            return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + objectKey * 0xBF58476D1CE4E5B9L + index);
        }

        ObjectSpec.Generated generated(long index) {
            return spec.generator().generate(index, random(index), this);
        }

        /** Up to 120 days before the record's own time, mostly days: most records change soon after creation. */
        Instant createdAt(long index) {
            int position = (int) (index >= planted ? index - planted : generatedCount + index);
            return timeline.ownTime(position).minusSeconds((long) (Math.pow(random(~index).nextDouble(), 3) * 120 * 86_400));
        }

        SandboxRecord generate(long index) {
            int position = (int) (index >= planted ? index - planted : generatedCount + index);
            Instant modifiedAt = timeline.modifiedAt(position);
            Instant createdAt = createdAt(index);
            Map<String, Object> fields;
            if (index < planted) {
                fields = new LinkedHashMap<>();
                for (String name : fieldNames) {
                    fields.put(name, null);
                }
                fields.putAll(spec.planted().get((int) index).fields());
            } else {
                fields = generated(index).fields();
            }
            return SystemFields.render(spec.crm(), spec.name(), spec.ids().id(index), createdAt, modifiedAt,
                    generatedDeleted(index), fields);
        }

        @Override
        public long count(Crm crm, String object) {
            return data(crm, object).count;
        }

        @Override
        public String id(Crm crm, String object, long index) {
            return data(crm, object).spec.ids().id(index);
        }

        @Override
        public long generatedIndex(Crm crm, String object, SplittableRandom random) {
            ObjectData other = data(crm, object);
            return other.generatedCount == 0 ? random.nextInt(other.planted)
                    : other.planted + random.nextLong(other.generatedCount);
        }

        @Override
        public long planted(Crm crm, String object) {
            return data(crm, object).planted;
        }

        @Override
        public Instant createdAt(Crm crm, String object, long index) {
            return data(crm, object).createdAt(index);
        }

        @Override
        public ProgramStory story() {
            return story;
        }
    }

    public static final class Builder {
        private long seed = DEFAULT_SEED;
        private double scale = 1.0;
        private final Map<String, Long> counts = new HashMap<>();
        private Instant asOf = DEFAULT_AS_OF;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Multiplies the default number of generated records of every object (planted scenario records stay). */
        public Builder scale(double scale) {
            if (!(scale >= 0)) {
                throw new IllegalArgumentException("scale must be >= 0: " + scale);
            }
            this.scale = scale;
            return this;
        }

        /** Total records of one object (planted + generated), overriding the scale for it. */
        public Builder count(Crm crm, String object, long count) {
            counts.put(crm + "/" + object, count);
            return this;
        }

        public Builder asOf(Instant asOf) {
            this.asOf = asOf;
            return this;
        }

        /** The clock updates and deletes are stamped with. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public SandboxDataset build() {
            return new SandboxDataset(this);
        }
    }
}
