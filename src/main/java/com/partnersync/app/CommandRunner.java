package com.partnersync.app;

import com.partnersync.mapping.ValidateMappings;
import com.partnersync.sync.Reconcile;
import com.partnersync.warehouse.ObjectSummary;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.Locale;

/** Runs the one-shot commands once the application (database, mappings, Camel routes) has started. */
@Component
public class CommandRunner implements ApplicationRunner, ExitCodeGenerator {
    private final SyncCycle cycle;
    private final CommandHandlers handlers;
    private int exitCode;

    public CommandRunner(SyncCycle cycle, CommandHandlers handlers) {
        this.cycle = cycle;
        this.handlers = handlers;
    }

    @Override
    public void run(ApplicationArguments args) {
        Command command = Command.parse(args.getSourceArgs());
        PrintStream out = System.out;
        switch (command.name()) {
            case "sync", "sandbox" -> {
                if (command.has("--full")) {
                    handlers.resetCheckpoints();
                }
                SyncCycle.Result result = cycle.run(command.name() + (command.has("--full") ? " --full" : ""));
                printSummary(out, result);
                if (command.name().equals("sandbox")) {
                    out.print(handlers.programSummary());
                }
                exitCode = result.status().equals("FAILED") ? 1 : 0;
            }
            case "validate-mappings" -> {
                ValidateMappings.Report report = handlers.validateMappings();
                out.println(report.text());
                exitCode = report.ok() ? 0 : 1;
            }
            case "writeback" -> out.println(handlers.writebackDryRun());
            case "dedup" -> out.println(command.has("--explain")
                    ? handlers.dedupExplain(Long.parseLong(command.arguments().get(0))) : handlers.dedupFull());
            case "reconcile" -> {
                Reconcile.Report report = handlers.reconcile(command.has("--object") ? command.arguments().get(0) : null);
                out.print(report.render());
                exitCode = report.status().equals("SUCCEEDED") ? 0 : 1;
            }
            default -> {
                // long-running mode: the sync-cycle route does the work
            }
        }
    }

    static void printSummary(PrintStream out, SyncCycle.Result result) {
        out.printf(Locale.ROOT, "%-10s %-22s %-12s %9s %9s %9s %8s %7s %9s %8s%n", "source", "object", "status", "read",
                "inserted", "updated", "deleted", "errors", "api-calls", "seconds");
        for (ObjectSummary s : result.objects()) {
            out.printf(Locale.ROOT, "%-10s %-22s %-12s %9d %9d %9d %8d %7d %9d %8.1f%n", s.sourceSystem(), s.object(),
                    s.status(), s.read(), s.inserted(), s.updated(), s.deleted(), s.errors(), s.apiCalls(), s.seconds());
        }
        for (String step : result.failedSteps()) {
            out.println("failed: " + step);
        }
        out.println("run " + result.runId() + ": " + result.status());
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
