package com.partnersync.dedup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * First names that are the same person's (Robert/Bob, William/Bill) from the shipped {@code nicknames.csv}
 * (carltonnorthern/nicknames, Apache-2.0; see the README beside it). Only direct entries count: a name and a nickname
 * on its own line, in either direction.
 */
final class Nicknames {
    private static final Nicknames DEFAULT = new Nicknames(read("nicknames.csv"));

    private final Set<String> pairs;

    private Nicknames(Set<String> pairs) {
        this.pairs = pairs;
    }

    static Nicknames shipped() {
        return DEFAULT;
    }

    /** Both are normalized (lower-case, accent-folded) first names. */
    boolean same(String x, String y) {
        return pairs.contains(x + "|" + y);
    }

    private static Set<String> read(String resource) {
        Set<String> pairs = new HashSet<>();
        for (String line : lines(resource)) {
            String[] names = line.split(",");
            String name = NameNormalizer.text(names[0]);
            for (int i = 1; i < names.length; i++) {
                String nick = NameNormalizer.text(names[i]);
                if (name != null && nick != null && !nick.equals(name)) {
                    pairs.add(name + "|" + nick);
                    pairs.add(nick + "|" + name);
                }
            }
        }
        return Set.copyOf(pairs);
    }

    static java.util.List<String> lines(String resource) {
        try (InputStream in = Nicknames.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource com/partnersync/dedup/" + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
