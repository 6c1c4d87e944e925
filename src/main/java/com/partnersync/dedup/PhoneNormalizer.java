package com.partnersync.dedup;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Phone to E.164 with libphonenumber; the lead's country picks the region, else the configured default. */
public final class PhoneNormalizer {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final Map<String, String> REGION_BY_COUNTRY_NAME = regionsByName();

    private final String defaultRegion;

    public PhoneNormalizer(DedupProperties properties) {
        this.defaultRegion = properties.defaultRegion().toUpperCase(Locale.ROOT);
    }

    /**
     * E.164 ("+4930123456") or null when the text is not a complete possible number for the region. A number without
     * its area code ("5353435" in the US) is possible only locally: which area it belongs to is unknown, so it stays
     * unlinkable instead of being guessed into "+15353435".
     */
    public String normalize(String raw, String country) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Phonenumber.PhoneNumber number = UTIL.parse(raw, region(country));
            if (UTIL.isPossibleNumberWithReason(number) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE
                    || allSameDigit(number.getNationalNumber())) {
                return null;
            }
            return UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** 0000000, 9999999999: what forms get when the phone is required and unknown. */
    private static boolean allSameDigit(long national) {
        String digits = Long.toString(national);
        return digits.chars().allMatch(c -> c == digits.charAt(0));
    }

    String region(String country) {
        if (country == null || country.isBlank()) {
            return defaultRegion;
        }
        String key = country.strip().toUpperCase(Locale.ROOT);
        if (key.length() == 2 && UTIL.getSupportedRegions().contains(key)) {
            return key;
        }
        return REGION_BY_COUNTRY_NAME.getOrDefault(key, defaultRegion);
    }

    private static Map<String, String> regionsByName() {
        Map<String, String> byName = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale locale = new Locale("", code);
            byName.put(locale.getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT), code);
            byName.put(locale.getISO3Country(), code);
        }
        // names CRMs commonly hold that differ from the JDK's English display names
        byName.put("USA", "US");
        byName.put("UNITED STATES OF AMERICA", "US");
        byName.put("UK", "GB");
        byName.put("ENGLAND", "GB");
        byName.put("DEUTSCHLAND", "DE");
        return byName;
    }
}
