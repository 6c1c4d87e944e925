package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fellegi–Sunter m/u per comparison level, estimated without labels as Splink does (u from random pairs, m by EM over
 * the blocked pairs), on the labeled benchmark data: the estimate is checked against the labels, and
 * {@link #precisionAndRecallOfHandAndEstimatedWeights} (bench) measures the weights it gives (docs/dedup.md, "How
 * the weights were chosen").
 */
class MatchWeightEstimationTest {
    private static final DedupProperties DEFAULTS = TestSettings.defaults(DedupProperties.class);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "febrl dataset1; dataset1.csv",
            "febrl dataset3; dataset3.csv",
            "febrl dataset4a+dataset4b; dataset4a.csv dataset4b.csv",
            "splink fake_1000; "})
    void emEstimatesAgreementWeightsWithinTwoBitsOfTheLabels(String name, String files) {
        LabeledLeads data = data(files);
        List<MatchProfile> profiles = profiles(data, DEFAULTS);
        long[] pairs = new LeadMatcher(DEFAULTS).candidatePairs(profiles);
        // 100,000 random pairs keep the test fast; m/u of the rarest levels are rough, the check compares m only
        FellegiSunterEstimate estimate = FellegiSunterEstimate.estimate(profiles, pairs, 100_000);
        Map<FellegiSunterEstimate.Field, double[]> labeled = FellegiSunterEstimate.labeledM(profiles, pairs, data.entityIds());

        System.out.printf(Locale.ROOT, "m/u %s: share of matches among blocked pairs %.3f after %d EM iterations%n%s",
                name, estimate.matchShare(), estimate.iterations(), estimate.table(labeled));
        assertThat(estimate.iterations()).as("EM converged").isLessThan(200);
        int measured = 0;
        for (FellegiSunterEstimate.Field f : FellegiSunterEstimate.Field.values()) {
            double bits = estimate.agreementWeight(f);
            if (Double.isNaN(bits)) {
                continue;
            }
            measured++;
            double[] u = estimate.u().get(f);
            double labeledBits = Math.log(labeled.get(f)[u.length - 1] / u[u.length - 1]) / Math.log(2);
            assertThat(bits).as(name + " " + f + ": agreement is evidence for a match").isGreaterThan(1.0);
            assertThat(bits).as(name + " " + f + ": EM vs labels, bits").isCloseTo(labeledBits, org.assertj.core.data.Offset.offset(2.0));
            assertThat(estimate.m().get(f)[0]).as(name + " " + f + ": disagreement is evidence against")
                    .isLessThan(u[0]);
        }
        assertThat(measured).as("fields present in the data").isGreaterThanOrEqualTo(4);
    }

    /**
     * {@code mvn -B -Pbench test -Dtest='MatchWeightEstimationTest#precisionAndRecallOfHandAndEstimatedWeights'}:
     * precision/recall at each threshold with the shipped hand weights and with weights = EM agreement weights (bits).
     */
    @Test
    @Tag("bench")
    void precisionAndRecallOfHandAndEstimatedWeights() {
        Map<String, Map<String, Double>> weightSets = new LinkedHashMap<>();
        weightSets.put("hand (shipped)", DEFAULTS.weights());
        weightSets.put("EM bits, FEBRL dataset4a+4b + Splink e-mail", estimatedBits("dataset4a.csv dataset4b.csv"));
        String[][] sets = {{"dataset1", "dataset1.csv"}, {"dataset3", "dataset3.csv"},
                {"dataset4a+4b", "dataset4a.csv dataset4b.csv"}, {"splink", null}};
        System.out.println("| weights | threshold | dataset1 P / R | dataset3 P / R | dataset4a+4b P / R | Splink P / R |");
        for (Map.Entry<String, Map<String, Double>> weights : weightSets.entrySet()) {
            System.out.println("weights " + weights.getKey() + ": " + weights.getValue());
            for (double t : new double[]{0.55, 0.58, 0.60, 0.63, 0.66, 0.70}) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.2f |", weights.getKey(), t));
                for (String[] set : sets) {
                    Map<String, Object> values = new HashMap<>();
                    values.put("threshold", t);
                    values.put("review-threshold", t);
                    weights.getValue().forEach((field, w) -> values.put("weights." + field, w));
                    DedupProperties properties = TestSettings.bind(DedupProperties.class, values);
                    LabeledLeads data = data(set[1]);
                    LabeledLeads.Quality q = data.quality(new LeadMatcher(properties).match(profiles(data, properties)).group());
                    row.append(String.format(Locale.ROOT, " %.4f / %.4f |", q.precision(), q.recall()));
                }
                System.out.println(row);
            }
        }
    }

    /**
     * Agreement weights in bits estimated on {@code files} (names, street, city, postcode, state) and on Splink
     * (e-mail); phone, company and company domain, which no labeled set has, keep their hand weight scaled by the
     * e-mail's (hand 4 = its estimated bits).
     */
    private static Map<String, Double> estimatedBits(String files) {
        Map<String, Double> bits = new LinkedHashMap<>();
        FellegiSunterEstimate febrl = estimate(data(files));
        FellegiSunterEstimate splink = estimate(data(null));
        for (FellegiSunterEstimate.Field f : FellegiSunterEstimate.Field.values()) {
            double w = f == FellegiSunterEstimate.Field.EMAIL ? splink.agreementWeight(f) : febrl.agreementWeight(f);
            bits.put(f.name, Math.round(w * 10) / 10.0);
        }
        double scale = bits.get("email") / DEFAULTS.weights().get("email");
        for (String unmeasured : List.of("phone", "company", "company_domain")) {
            bits.put(unmeasured, Math.round(DEFAULTS.weights().get(unmeasured) * scale * 10) / 10.0);
        }
        return bits;
    }

    /** With a million random pairs: u of the rarest levels (street equal, about 1 in 100,000) needs them. */
    private static FellegiSunterEstimate estimate(LabeledLeads data) {
        List<MatchProfile> profiles = profiles(data, DEFAULTS);
        return FellegiSunterEstimate.estimate(profiles, new LeadMatcher(DEFAULTS).candidatePairs(profiles), 1_000_000);
    }

    private static LabeledLeads data(String files) {
        return files == null ? LabeledLeads.splink() : LabeledLeads.febrl(files.split(" "));
    }

    private static List<MatchProfile> profiles(LabeledLeads data, DedupProperties properties) {
        LeadProfiler profiler = new LeadProfiler(properties);
        return data.leads().stream().map(profiler::profile).toList();
    }
}
