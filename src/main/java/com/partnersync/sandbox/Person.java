package com.partnersync.sandbox;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** A person's lead/contact fields, written under each CRM object's field names ({@link Naming}). */
record Person(String first, String last, String email, String phone, String title, String company, String website,
              String street, String city, String postcode, String state, String country) {

    /** Field names, in the order: first, last, email, phone, title, company, website, street, city, postcode, state, country. */
    enum Naming {
        SALESFORCE_LEAD("FirstName", "LastName", "Email", "Phone", "Title", "Company", "Website", "Street", "City",
                "PostalCode", "State", "Country"),
        // a Contact's company and website come from its Account relationship, so those two are not written
        SALESFORCE_CONTACT("FirstName", "LastName", "Email", "Phone", "Title", null, null, "MailingStreet", "MailingCity",
                "MailingPostalCode", "MailingState", "MailingCountry"),
        HUBSPOT_CONTACT("firstname", "lastname", "email", "phone", "jobtitle", "company", "website", "address", "city",
                "zip", "state", "country");

        private final List<String> names;

        Naming(String... names) {
            this.names = java.util.Arrays.asList(names);
        }
    }

    /** A random person at a company with this domain, living in one of the vocabulary's cities. */
    static Person random(SplittableRandom random, String company, String domain, String website) {
        String first = Vocabulary.pick(Vocabulary.FIRST_NAMES, random);
        String last = Vocabulary.pick(Vocabulary.LAST_NAMES, random);
        String[] city = Vocabulary.pick(Vocabulary.CITIES, random).split("\\|", -1);
        String email = (first + "." + last).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z.]", "") + "@" + domain;
        String phone = String.format(java.util.Locale.ROOT, "+1 (%03d) 555-%04d", random.nextInt(200, 990), random.nextInt(10_000));
        return new Person(first, last, email, phone, Vocabulary.pick(Vocabulary.TITLES, random), company, website,
                random.nextInt(1, 999) + " Market Street", city[0], city[3], city[1].isEmpty() ? null : city[1], city[2]);
    }

    /** A planted person in London (GB) or Chicago. */
    static Person planted(String first, String last, String email, String phone, String company, String website,
                          String country) {
        boolean london = country.equals("GB");
        return new Person(first, last, email, phone, "Head of RevOps", company, website, "1 Harbour Way",
                london ? "London" : "Chicago", london ? "EC1A 1BB" : "60601", london ? null : "IL", country);
    }

    Map<String, Object> putInto(Map<String, Object> fields, Naming naming) {
        Object[] values = {first, last, email, phone, title, company, website, street, city, postcode, state, country};
        for (int i = 0; i < values.length; i++) {
            if (naming.names.get(i) != null) {
                fields.put(naming.names.get(i), values[i]);
            }
        }
        return fields;
    }
}
