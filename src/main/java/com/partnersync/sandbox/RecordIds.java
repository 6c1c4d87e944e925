package com.partnersync.sandbox;

/**
 * Sandbox record ids in each CRM's real format, invertible so a record is found from its id without an index.
 * Both encodings are fixed width, so plain string order equals index order (the paging tie-breaker relies on it).
 */
final class RecordIds {
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final String CHECKSUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
    private static final String POD = "5g0";
    private static final int SALESFORCE_DIGITS = 9;
    private static final long HUBSPOT_WIDTH = 10_000_000_000L;

    private RecordIds() {
    }

    /** An 18-character Salesforce id: key prefix, pod, base-62 counter, then the case-safe checksum suffix. */
    static String salesforce(String keyPrefix, long index) {
        char[] digits = new char[SALESFORCE_DIGITS];
        long rest = index;
        for (int i = SALESFORCE_DIGITS - 1; i >= 0; i--) {
            digits[i] = BASE62.charAt((int) (rest % 62));
            rest /= 62;
        }
        String id15 = keyPrefix + POD + new String(digits);
        return id15 + checksum(id15);
    }

    /** The index of a Salesforce id of this key prefix, or -1 when it is not one of ours. */
    static long salesforceIndex(String keyPrefix, String id) {
        if (id == null || id.length() != 18 || !id.startsWith(keyPrefix + POD)
                || !id.substring(15).equals(checksum(id.substring(0, 15)))) {
            return -1;
        }
        long index = 0;
        for (int i = 6; i < 15; i++) {
            int digit = BASE62.indexOf(id.charAt(i));
            if (digit < 0) {
                return -1;
            }
            index = index * 62 + digit;
        }
        return index;
    }

    // Salesforce's 15->18 suffix: one character per 5-character chunk, a bit set per upper-case letter.
    private static String checksum(String id15) {
        StringBuilder suffix = new StringBuilder(3);
        for (int chunk = 0; chunk < 3; chunk++) {
            int bits = 0;
            for (int i = 0; i < 5; i++) {
                char c = id15.charAt(chunk * 5 + i);
                if (c >= 'A' && c <= 'Z') {
                    bits |= 1 << i;
                }
            }
            suffix.append(CHECKSUM.charAt(bits));
        }
        return suffix.toString();
    }

    /** A HubSpot numeric id string: an 11-digit number whose first digit names the object type. */
    static String hubspot(int typeDigit, long index) {
        return Long.toString(typeDigit * HUBSPOT_WIDTH + index);
    }

    static long hubspotIndex(int typeDigit, String id) {
        if (id == null || id.length() != 11) {
            return -1;
        }
        try {
            long value = Long.parseLong(id);
            return value / HUBSPOT_WIDTH == typeDigit ? value % HUBSPOT_WIDTH : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
