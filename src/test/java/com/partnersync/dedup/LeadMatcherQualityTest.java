package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Precision/recall of the default matcher on public record-linkage benchmarks with ground truth (printed as a report). */
class LeadMatcherQualityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "febrl dataset1;            dataset1.csv;                0.995; 0.96",
            "febrl dataset3;            dataset3.csv;                0.995; 0.96",
            "febrl dataset4a+dataset4b; dataset4a.csv dataset4b.csv; 0.995; 0.96",
            "splink fake_1000;          ;                            0.995; 0.50"})
    void defaultMatcherMeetsPrecisionAndRecallFloors(String name, String files, double minPrecision, double minRecall) {
        LabeledLeads data = files == null ? LabeledLeads.splink() : LabeledLeads.febrl(files.split(" "));
        DedupProperties properties = TestSettings.defaults(DedupProperties.class);
        LeadProfiler profiler = new LeadProfiler(properties);
        List<MatchProfile> profiles = data.leads().stream().map(profiler::profile).toList();

        LeadMatcher.Result result = new LeadMatcher(properties).match(profiles);
        LabeledLeads.Quality quality = data.quality(result.group());

        System.out.printf("dedup quality %-26s %s; candidate pairs %d of %d%n", name, quality, result.candidatePairs(),
                (long) profiles.size() * (profiles.size() - 1) / 2);
        assertThat(quality.precision()).as(name + " precision").isGreaterThanOrEqualTo(minPrecision);
        assertThat(quality.recall()).as(name + " recall").isGreaterThanOrEqualTo(minRecall);
    }
}
