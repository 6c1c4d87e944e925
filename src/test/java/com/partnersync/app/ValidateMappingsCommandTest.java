package com.partnersync.app;

import com.partnersync.mapping.JdbcModelCatalog;
import com.partnersync.mapping.ValidateMappings;
import com.partnersync.ops.GracefulStop;
import com.partnersync.ops.Leadership;
import com.partnersync.testsupport.TestDatabase;
import com.partnersync.warehouse.SyncRuns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.DefaultApplicationArguments;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** {@code validate-mappings}: prints the report and exits non-zero when any file has a problem. */
class ValidateMappingsCommandTest {
    @ParameterizedTest
    @CsvSource({
            "mappings, 0, mappings OK: 14 files in mappings",
            "src/test/resources/com/partnersync/mapping/invalid/many-problems, 1, "
                    + "mappings in src/test/resources/com/partnersync/mapping/invalid/many-problems: 3 mapping problems:"})
    void printsTheReportAndExitsNonZeroOnProblems(String dir, int exitCode, String firstLine) {
        ValidateMappings validate = new ValidateMappings(Path.of(dir), new JdbcModelCatalog(TestDatabase.dataSource()));
        // a mock keeps this test independent of the other commands' constructor arguments
        CommandHandlers handlers = mock(CommandHandlers.class);
        when(handlers.validateMappings()).thenAnswer(invocation -> validate.run());
        CommandRunner runner = new CommandRunner(new SyncCycle(List.of(), List.of(), new SyncRuns(TestDatabase.dataSource()),
                new GracefulStop(Duration.ZERO)),
                handlers, mock(Leadership.class));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            runner.run(new DefaultApplicationArguments("validate-mappings"));
        } finally {
            System.setOut(stdout);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).startsWith(firstLine + "\n");
        assertThat(runner.getExitCode()).isEqualTo(exitCode);
    }
}
