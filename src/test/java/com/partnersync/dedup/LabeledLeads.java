package com.partnersync.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Benchmark records mapped onto lead fields, with the true entity of each, and pair-level precision/recall. */
record LabeledLeads(List<LeadFields> leads, List<String> entities) {

    record Quality(long truePairs, long foundPairs, long correctPairs) {
        double precision() {
            return foundPairs == 0 ? 1.0 : (double) correctPairs / foundPairs;
        }

        double recall() {
            return truePairs == 0 ? 1.0 : (double) correctPairs / truePairs;
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        @Override
        public String toString() {
            return String.format("precision %.4f recall %.4f F1 %.4f (true pairs %d, found %d, correct %d)",
                    precision(), recall(), f1(), truePairs, foundPairs, correctPairs);
        }
    }

    /**
     * FEBRL: given_name, surname, street_number + address_1 + address_2 as the street, suburb as the city, postcode,
     * state; date_of_birth and soc_sec_id have no lead column and are not used. Entity = N of rec-N-org / rec-N-dup-K.
     */
    static LabeledLeads febrl(String... files) {
        List<LeadFields> leads = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        for (String file : files) {
            List<String> lines = lines("febrl/" + file);
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(", ", -1);
                String street = String.join(" ", c[3], c[4], c[5]).strip();
                leads.add(new LeadFields(leads.size(), c[1], c[2], null, null, null, null, street, c[6], c[7], c[8],
                        "AU", null, null, null));
                entities.add(c[0].split("-")[1]);
            }
        }
        return new LabeledLeads(leads, entities);
    }

    /** Splink fake_1000: first_name, surname, city, email; entity = cluster. */
    static LabeledLeads splink() {
        List<LeadFields> leads = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        List<String> lines = lines("splink/fake_1000.csv");
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",", -1);
            leads.add(new LeadFields(leads.size(), c[1], c[2], c[5], null, null, null, null, c[4], null, null,
                    "GB", null, null, null));
            entities.add(c[6]);
        }
        return new LabeledLeads(leads, entities);
    }

    Quality quality(int[] group) {
        return quality(group, entityIds());
    }

    /** The entity of each record as a number. */
    int[] entityIds() {
        Map<String, Integer> ids = new HashMap<>();
        return entities.stream().mapToInt(e -> ids.computeIfAbsent(e, k -> ids.size())).toArray();
    }

    /** Pair-level quality of found groups against true entities (both given per record). */
    static Quality quality(int[] group, int[] entity) {
        Map<Integer, Long> perEntity = new HashMap<>();
        Map<Integer, Long> perGroup = new HashMap<>();
        Map<Long, Long> perGroupEntity = new HashMap<>();
        for (int i = 0; i < group.length; i++) {
            perEntity.merge(entity[i], 1L, Long::sum);
            perGroup.merge(group[i], 1L, Long::sum);
            perGroupEntity.merge(((long) group[i] << 32) | entity[i], 1L, Long::sum);
        }
        return new Quality(pairs(perEntity), pairs(perGroup), pairs(perGroupEntity));
    }

    private static long pairs(Map<?, Long> sizes) {
        return sizes.values().stream().mapToLong(k -> k * (k - 1) / 2).sum();
    }

    private static List<String> lines(String resource) {
        try (InputStream in = LabeledLeads.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
