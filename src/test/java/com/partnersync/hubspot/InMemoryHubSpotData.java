package com.partnersync.hubspot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** Test data behind {@link HubSpotSimulator}: records kept in (modifiedAt, id) order, as the sandbox dataset keeps them. */
class InMemoryHubSpotData implements SimulatedHubSpotData {
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::modifiedAt).thenComparing(Key::id);

    private final Map<String, NavigableMap<Key, Record>> objects = new HashMap<>();
    private final Map<String, Key> keys = new HashMap<>();
    private final Map<String, List<String>> associations = new HashMap<>();
    private final Map<String, String> writeFailures = new HashMap<>();
    private Instant clock = Instant.parse("2026-11-01T00:00:00Z");

    void put(String object, String id, Instant modifiedAt, boolean deleted, Map<String, Object> fields) {
        NavigableMap<Key, Record> records = objects.computeIfAbsent(object, o -> new TreeMap<>(ORDER));
        Key old = keys.remove(object + "/" + id);
        Instant created = modifiedAt;
        if (old != null) {
            created = records.remove(old).createdAt();
        }
        Key key = new Key(modifiedAt, id);
        records.put(key, new Record(id, created, modifiedAt, deleted, new LinkedHashMap<>(fields)));
        keys.put(object + "/" + id, key);
    }

    Record get(String object, String id) {
        return objects.get(object).get(keys.get(object + "/" + id));
    }

    void associate(String fromObject, String id, String toObject, List<String> ids) {
        associations.put(fromObject + "/" + id + "/" + toObject, ids);
    }

    void failWrites(String object, String id, String message) {
        writeFailures.put(object + "/" + id, message);
    }

    void setClock(Instant now) {
        this.clock = now;
    }

    @Override
    public synchronized List<Record> pageAfter(String object, Key afterExclusive, Instant modifiedSince,
                                               Instant modifiedBefore, int limit, boolean includeDeleted) {
        NavigableMap<Key, Record> records = objects.getOrDefault(object, new TreeMap<>(ORDER));
        NavigableMap<Key, Record> tail = afterExclusive != null ? records.tailMap(afterExclusive, false)
                : modifiedSince != null ? records.tailMap(new Key(modifiedSince, ""), true) : records;
        List<Record> page = new ArrayList<>();
        for (Record r : tail.values()) {
            if (page.size() >= limit || (modifiedBefore != null && !r.modifiedAt().isBefore(modifiedBefore))) {
                break;
            }
            if ((modifiedSince == null || !r.modifiedAt().isBefore(modifiedSince)) && (includeDeleted || !r.deleted())) {
                page.add(r);
            }
        }
        return page;
    }

    @Override
    public List<String> associations(String fromObject, String id, String toObject) {
        return associations.getOrDefault(fromObject + "/" + id + "/" + toObject, List.of());
    }

    @Override
    public synchronized void update(String object, String id, Map<String, Object> changes) {
        Record r = get(object, id);
        Map<String, Object> fields = new LinkedHashMap<>(r.fields());
        fields.putAll(changes);
        put(object, id, clock, r.deleted(), fields);
    }

    @Override
    public Optional<String> writeFailure(String object, String id) {
        return Optional.ofNullable(writeFailures.get(object + "/" + id));
    }
}
