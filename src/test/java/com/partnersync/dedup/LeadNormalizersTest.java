package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Each normalizer on messy inputs as they arrive from CRMs and partner forms. */
class LeadNormalizersTest {
    private final DedupProperties properties = TestSettings.defaults(DedupProperties.class);

    @ParameterizedTest(name = "email \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "  Jane.Doe@ACME.com   | jane.doe@acme.com",
            "jane.doe+partners@acme.com | jane.doe@acme.com",
            "J.A.N.E.doe+crm@Gmail.com | janedoe@gmail.com",
            "jane.doe@googlemail.com | janedoe@gmail.com",
            "Jane Doe <Jane.Doe@Acme.COM> | jane.doe@acme.com",
            "mailto:sales@acme.com | sales@acme.com",
            "jürgen@müller.de | jürgen@xn--mller-kva.de",
            "info@acme.com. | info@acme.com",
            "not an email | NULL",
            "two@a.com@b.com | NULL",
            "@acme.com | NULL",
            "jane@localhost | NULL",
            "'' | NULL"})
    void emails(String raw, String expected) {
        assertThat(new EmailNormalizer(properties).normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "email with plus-tag stripping off: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "jane+vip@acme.com | jane+vip@acme.com",
            "j.ane@gmail.com | jane@gmail.com"})
    void plusAddressingIsConfigurable(String raw, String expected) {
        DedupProperties keepTags = TestSettings.bind(DedupProperties.class, "strip-plus-tag", false);
        assertThat(new EmailNormalizer(keepTags).normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "website \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "https://www.Acme.com/contact?ref=partner | acme.com",
            "WWW.ACME.COM | acme.com",
            "acme.com/ | acme.com",
            "http://shop.acme.co.uk/en/products | acme.co.uk",
            "https://app.eu.acme.io:8443/login | acme.io",
            "  https://www.müller-gmbh.de/impressum  | xn--mller-gmbh-9db.de",
            "https://gmail.com | NULL",
            "n/a | NULL",
            "'' | NULL"})
    void companyDomainFromWebsite(String raw, String expected) {
        assertThat(new CompanyDomainNormalizer(properties).fromWebsite(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "email domain \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "jane@sales.acme.com | acme.com",
            "jane@acme.com.au | acme.com.au",
            "jane@gmail.com | NULL",
            "jane@hotmail.co.uk | NULL",
            "jane@yahoo.com | NULL"})
    void companyDomainFromEmailIgnoresFreeMail(String email, String expected) {
        assertThat(new CompanyDomainNormalizer(properties).fromEmail(new EmailNormalizer(properties).normalize(email)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "phone \"{0}\" ({1}) -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "(415) 555-0132 | NULL | +14155550132",
            "415.555.0132 ext. 12 | US | +14155550132",
            "+1 415 555 0132 | DE | +14155550132",
            "030 1234567 | DE | +49301234567",
            "030 1234567 | Germany | +49301234567",
            "+49 (0)30 1234567 | NULL | +49301234567",
            "020 7946 0958 | United Kingdom | +442079460958",
            "0044 20 7946 0958 | GB | +442079460958",
            "01 42 68 53 00 | FR | +33142685300",
            "+61 2 9374 4000 | NULL | +61293744000",
            "call me | US | NULL",
            "12 | US | NULL"})
    void phones(String raw, String country, String expected) {
        assertThat(new PhoneNormalizer(properties).normalize(raw, country)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "person \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "  José   Álvarez | jose alvarez",
            "O'Brien | obrien",
            "Jean-Luc | jean luc",
            "Müller-Lüdenscheidt | muller ludenscheidt",
            "Strauß | strauss",
            "Søren Ærø | soren aero",
            "Łukasz | lukasz",
            "Dr. ANNA Smith | dr anna smith",
            "... | NULL"})
    void personNames(String raw, String expected) {
        assertThat(new NameNormalizer(properties).person(raw)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "company \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "Acme, Inc. | acme",
            "ACME GmbH | acme",
            "Acme Corp | acme",
            "Acme Holdings Ltd. | acme holdings",
            "Acme Co., Ltd | acme",
            "Müller & Söhne KG | muller and sohne",
            "Société Générale S.A. | societe generale s a",
            "Société Générale SA | societe generale",
            "Co-op Bank | co op bank",
            "LLC | llc"})
    void companyNames(String raw, String expected) {
        assertThat(new NameNormalizer(properties).company(raw)).isEqualTo(expected);
    }
}
