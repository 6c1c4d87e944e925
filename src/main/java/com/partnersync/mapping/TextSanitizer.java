package com.partnersync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes what PostgreSQL cannot store in text or jsonb: U+0000 (NUL) and UTF-16 surrogates without their pair.
 * A CRM can hold both (pasted binary, a cut emoji); left in, one such value made COPY refuse the whole page on every
 * run. Each repaired field becomes a warning in sync_error and the record loads.
 */
public final class TextSanitizer {
    static final String PROBLEM = "removed characters PostgreSQL cannot store";

    private TextSanitizer() {
    }

    /** The text without NULs and unpaired surrogates; the same instance when there is nothing to remove. */
    public static String clean(String text) {
        if (text == null || !needsCleaning(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (!Character.isSurrogate(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsCleaning(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return true;
            }
        }
        return false;
    }

    /** What {@link #clean} removes from the text, e.g. {@code "1 NUL (U+0000), 1 unpaired surrogate (U+D83D)"}. */
    static String describeRemoved(String text) {
        int nuls = 0;
        List<String> surrogates = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                nuls++;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                surrogates.add("U+%04X".formatted((int) c));
            }
        }
        List<String> parts = new ArrayList<>();
        if (nuls > 0) {
            parts.add(nuls + " NUL (U+0000)");
        }
        if (!surrogates.isEmpty()) {
            parts.add(surrogates.size() + " unpaired surrogate (" + String.join(", ", surrogates) + ")");
        }
        return String.join(", ", parts);
    }

    /**
     * JSON text without NULs and unpaired surrogates, literal or escaped ({@code \u0000}, a {@code \uD83D} not
     * followed by its low half): jsonb refuses both.
     */
    public static String cleanJson(String json) {
        if (json == null || (json.indexOf("\\u") < 0 && !needsCleaning(json))) {
            return json;
        }
        StringBuilder out = new StringBuilder(json.length());
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < json.length()) {
                if (json.charAt(i + 1) != 'u') {
                    out.append(c).append(json.charAt(i + 1));
                    i += 2;
                    continue;
                }
                int escaped = hex(json, i + 2);
                if (escaped < 0) {
                    out.append(c);
                    i++;
                } else if (escaped == 0) {
                    i += 6;
                } else if (Character.isHighSurrogate((char) escaped)) {
                    boolean paired = json.startsWith("\\u", i + 6) && hex(json, i + 8) >= 0
                            && Character.isLowSurrogate((char) hex(json, i + 8));
                    if (paired) {
                        out.append(json, i, i + 12);
                        i += 12;
                    } else {
                        i += 6;
                    }
                } else if (Character.isLowSurrogate((char) escaped)) {
                    i += 6;
                } else {
                    out.append(json, i, i + 6);
                    i += 6;
                }
                continue;
            }
            out.append(c);
            i++;
        }
        return clean(out.toString());
    }

    /** The 4 hex digits at {@code from} as a number, or -1. */
    private static int hex(String text, int from) {
        if (from + 4 > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + 4; i++) {
            int digit = Character.digit(text.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /**
     * The record with every text value cleaned (nested relationship values and lists too) and its raw JSON cleaned;
     * a warning per repaired field is added to {@code warnings}. The same instance when nothing needed repair.
     */
    static SourceRecord clean(SourceRecord record, List<RecordError> warnings) {
        Map<String, String> repaired = new LinkedHashMap<>(0);
        Map<String, Object> fields = cleanMap(record.fields(), "", repaired);
        String raw = cleanJson(record.rawJson());
        if (fields == record.fields() && raw == record.rawJson()) {
            return record;
        }
        if (repaired.isEmpty()) {
            repaired.put("raw", "in the raw record only");
        }
        // the warnings carry the repaired payload: the original cannot be stored either
        repaired.forEach((field, removed) -> warnings.add(new RecordError(record.sourceSystem(), record.object(),
                record.id(), field, PROBLEM + ": '" + removed + "'", raw, true)));
        return new SourceRecord(record.sourceSystem(), record.object(), record.id(), record.modifiedAt(),
                record.deleted(), fields, raw);
    }

    private static Map<String, Object> cleanMap(Map<String, Object> fields, String prefix, Map<String, String> repaired) {
        Map<String, Object> copy = null;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            Object value = field.getValue();
            Object cleaned = cleanValue(value, prefix + field.getKey(), repaired);
            if (cleaned != value) {
                if (copy == null) {
                    copy = new LinkedHashMap<>(fields);
                }
                copy.put(field.getKey(), cleaned);
            }
        }
        return copy == null ? fields : copy;
    }

    @SuppressWarnings("unchecked")
    private static Object cleanValue(Object value, String path, Map<String, String> repaired) {
        if (value instanceof String text) {
            String cleaned = clean(text);
            if (cleaned != text) {
                repaired.merge(path, describeRemoved(text), (a, b) -> a + ", " + b);
            }
            return cleaned;
        }
        if (value instanceof Map<?, ?> map) {
            return cleanMap((Map<String, Object>) map, path + ".", repaired);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = null;
            for (int i = 0; i < list.size(); i++) {
                Object cleaned = cleanValue(list.get(i), path, repaired);
                if (cleaned != list.get(i)) {
                    if (copy == null) {
                        copy = new ArrayList<>(list);
                    }
                    copy.set(i, cleaned);
                }
            }
            return copy == null ? list : copy;
        }
        return value;
    }
}
