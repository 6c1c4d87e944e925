package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's CRM realities, rule by rule, through the production profiler and matcher: shared switchboards and role
 * mailboxes do not chain people, placeholders count as missing, nicknames, personal vs work e-mail, free mail by
 * provider, phones without an area code.
 */
class LeadMatcherCrmRulesTest {
    private final DedupProperties properties = TestSettings.defaults(DedupProperties.class);
    private final LeadProfiler profiler = new LeadProfiler(properties);

    @Test
    void aSwitchboardSharedByManySitesChainsNothing() {
        // company-level leads: 24 sites of one agency, no person names, one switchboard and one info@ mailbox
        List<LeadFields> sites = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            sites.add(lead(i, null, null, "info@agency.example", "+44 20 7946 0000", "Agency Site " + (char) ('A' + i), "GB"));
        }
        assertThat(groups(sites)).as("24 different sites").hasSize(24);
    }

    @Test
    void distinctPeopleBehindOneSwitchboardAndRoleMailboxStayApartWhileTheRealDuplicateMerges() {
        List<LeadFields> leads = List.of(
                lead(0, "Jane", "Doe", "sales@agency.example", "+44 20 7946 0000", "Agency", "GB"),
                lead(1, "Omar", "Haddad", "sales@agency.example", "+44 20 7946 0000", "Agency", "GB"),
                lead(2, "Lena", "Vogel", "sales@agency.example", "+44 20 7946 0000", "Agency", "GB"),
                lead(3, "Jane", "Doe", "sales@agency.example", "020 7946 0000", "Agency Ltd", "GB"),
                // one weak link each way must not pull a third person in through the duplicate pair
                lead(4, "Jane", "Dow", "info@agency.example", "+44 20 7946 0000", "Other Agency", "GB"));
        int[] group = match(leads);
        assertThat(group[3]).as("Jane Doe twice").isEqualTo(group[0]);
        assertThat(Arrays.stream(group).distinct().count()).as("Jane, Omar, Lena, Jane Dow").isEqualTo(4);
    }

    @Test
    void aPhoneSharedByTwoPeopleCountsHalfAndByMoreNotAtAll() {
        List<LeadFields> leads = List.of(
                lead(0, "Ana", "Silva", null, "+351 21 000 0000", null, "PT"),
                lead(1, "Rui", "Costa", null, "+351 21 000 0000", null, "PT"),
                lead(2, "Eva", "Mendes", null, "+351 21 000 0000", null, "PT"));
        List<MatchProfile> profiles = leads.stream().map(profiler::profile).toList();
        List<PairScorer.FieldEvidence> evidence = new ArrayList<>();
        new PairScorer(properties).explain(profiles.get(0), profiles.get(0), (type, value) -> 3, evidence);
        assertThat(evidence).filteredOn(e -> e.field().equals("phone")).singleElement()
                .satisfies(e -> assertThat(e.weight()).isZero());
        evidence.clear();
        new PairScorer(properties).explain(profiles.get(0), profiles.get(0), (type, value) -> 2, evidence);
        assertThat(evidence).filteredOn(e -> e.field().equals("phone")).singleElement()
                .satisfies(e -> assertThat(e.weight()).isEqualTo(properties.weights().get("phone") / 2));
    }

    @ParameterizedTest(name = "placeholder \"{0}\"")
    @ValueSource(strings = {"[not provided]", "Unknown", "N/A", "-", "none", "test", "NULL", "tbd", "?"})
    void placeholdersCountAsMissing(String placeholder) {
        LeadFields a = new LeadFields(0, "Taylor", placeholder, placeholder, placeholder, placeholder, placeholder,
                placeholder, "London", placeholder, placeholder, "GB", null, null, null);
        LeadFields b = new LeadFields(1, "Taylor", placeholder, placeholder, placeholder, placeholder, placeholder,
                placeholder, "London", placeholder, placeholder, "GB", null, null, null);
        MatchProfile p = profiler.profile(a);
        assertThat(Arrays.asList(p.lastName(), p.email(), p.phone(), p.company(), p.companyDomain(), p.street(),
                p.postcode(), p.state())).containsOnlyNulls();
        assertThat(groups(List.of(a, b))).as("a first name and a city are not a person").hasSize(2);
    }

    @Test
    void placeholderListIsConfigurable() {
        DedupProperties custom = TestSettings.bind(DedupProperties.class, "placeholder-values", "keine angabe");
        MatchProfile p = new LeadProfiler(custom).profile(new LeadFields(0, "Jonas", "Keine Angabe", null, null,
                "Unknown", null, null, null, null, null, "DE", null, null, null));
        assertThat(p.lastName()).isNull();
        assertThat(p.company()).as("no longer on the list").isEqualTo("unknown");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"Bob, Robert", "Bill, William", "Peggy, Margaret", "Jim, James", "Liz, Elizabeth", "Tony, Anthony"})
    void nicknamesWithTheSameWorkEmailAreOnePerson(String nickname, String name) {
        int[] group = match(List.of(
                lead(0, nickname, "Meyer", "r.meyer@initech.example", null, "Initech", "US"),
                lead(1, name, "Meyer", "r.meyer@initech.example", null, "Initech", "US")));
        assertThat(group[1]).isEqualTo(group[0]);
    }

    @Test
    void nicknamesAreDirectEntriesNotAChainThroughTheList() {
        Nicknames nicknames = Nicknames.shipped();
        assertThat(nicknames.same("bob", "robert")).isTrue();
        assertThat(nicknames.same("robert", "bob")).isTrue();
        // "bill" lists both william and robert; that does not make William and Robert one name
        assertThat(nicknames.same("william", "robert")).isFalse();
        assertThat(nicknames.same("daniel", "david")).isFalse();
    }

    @Test
    void colleaguesWithSimilarNamesAtOneCompanyStayApart() {
        int[] group = match(List.of(
                lead(0, "Daniel", "Kim", "daniel.kim@initech.example", null, "Initech", "US"),
                lead(1, "David", "Kim", "david.kim@initech.example", null, "Initech", "US")));
        assertThat(group[1]).isNotEqualTo(group[0]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "same company                  | maria.lopez@acme.example | Acme Inc   | NULL            | true",
            "same phone                    | maria.lopez@acme.example | NULL       | +1 512 555 0147 | true",
            "nothing but the name          | maria.lopez@acme.example | NULL       | NULL            | false",
            "another company               | maria.lopez@acme.example | Globex     | NULL            | false"})
    void personalAndWorkEmailOfOnePersonLinkWhenCompanyOrPhoneAgree(String label, String workEmail, String company,
                                                                   String phone, boolean same) {
        int[] group = match(List.of(
                lead(0, "Maria", "Lopez", workEmail, phone, company, "US"),
                lead(1, "Maria", "Lopez", "mlopez77@yahoo.de", phone, "Acme", "US")));
        assertThat(group[1] == group[0]).as(label).isEqualTo(same);
    }

    @ParameterizedTest(name = "{0} -> provider {1}")
    @CsvSource(delimiter = '|', value = {
            "yahoo.de | yahoo", "hotmail.de | hotmail", "outlook.de | outlook", "gmx.at | gmx", "yahoo.co.in | yahoo",
            "live.co.uk | live", "gmail.com | gmail", "yahoo.com.vn | yahoo"})
    void freeMailIsRecognizedByProviderAcrossCountryDomains(String domain, String provider) {
        MatchProfile p = profiler.profile(lead(0, "Kim", "Lee", "kim.lee@" + domain, null, null, "DE"));
        assertThat(p.companyDomain()).as("no company domain").isNull();
        assertThat(p.freeMailProvider()).isEqualTo(provider);
    }

    @Test
    void companyDomainsAreNotFreeMail() {
        MatchProfile p = profiler.profile(lead(0, "Kim", "Lee", "kim.lee@acme.co.uk", null, null, "GB"));
        assertThat(p.companyDomain()).isEqualTo("acme.co.uk");
        assertThat(p.freeMailProvider()).isNull();
    }

    @ParameterizedTest(name = "phone \"{0}\" in {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "5353435         | US | NULL",
            "535-3435        | NULL | NULL",
            "(415) 535-3435  | US | +14155353435",
            "+1 415 535 3435 | DE | +14155353435",
            "030 1234567     | DE | +49301234567",
            "0000000000      | US | NULL"})
    void phonesWithoutAreaCodeStayUnlinkable(String raw, String country, String expected) {
        assertThat(new PhoneNormalizer(properties).normalize(raw, country)).isEqualTo(expected);
    }

    private int[] match(List<LeadFields> leads) {
        return new LeadMatcher(properties).match(leads.stream().map(profiler::profile).toList()).group();
    }

    private List<Integer> groups(List<LeadFields> leads) {
        return Arrays.stream(match(leads)).distinct().boxed().toList();
    }

    private static LeadFields lead(long id, String first, String last, String email, String phone, String company,
                                   String country) {
        return new LeadFields(id, first, last, email, phone, company, null, null, null, null, null, country, null, null,
                null);
    }
}
