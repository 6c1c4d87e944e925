package com.partnersync.dedup;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Person and company names for comparison: lower-case, accents folded, punctuation dropped; legal forms dropped from companies. */
public final class NameNormalizer {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Set<String> legalSuffixes;

    public NameNormalizer(DedupProperties properties) {
        this.legalSuffixes = Set.copyOf(properties.legalSuffixes());
    }

    public String person(String raw) {
        return text(raw);
    }

    public String company(String raw) {
        String text = text(raw == null ? null : raw.replace("&", " and "));
        if (text == null) {
            return null;
        }
        String[] words = text.split(" ");
        int end = words.length;
        // only trailing words are a legal form: "Co Op Bank" keeps its "co"
        while (end > 1 && legalSuffixes.contains(words[end - 1])) {
            end--;
        }
        return Arrays.stream(words, 0, end).collect(Collectors.joining(" "));
    }

    /** Lower-case, accent-folded words separated by one space. */
    static String text(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.chars().allMatch(c -> c < 128) ? raw : fold(raw);
        // apostrophes join ("O'Brien" = "OBrien"); every other punctuation mark separates words
        s = s.replace("'", "");
        s = NON_ALNUM.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return s.isEmpty() ? null : s;
    }

    /** Accents off (NFKD without combining marks) plus the letters Unicode does not decompose. */
    private static String fold(String raw) {
        String s = raw.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
                .replace("æ", "ae").replace("Æ", "AE").replace("đ", "d").replace("Đ", "D");
        return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKD)).replaceAll("").replace("’", "");
    }
}
