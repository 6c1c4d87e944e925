package com.partnersync.app;

import com.partnersync.mapping.ValidateMappings;
import com.partnersync.ops.Leadership;
import com.partnersync.sync.Reconcile;
import com.partnersync.warehouse.ObjectSummary;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

import java.io.PrintStream;

/** Runs the one-shot commands once the application (database, mappings, Camel routes) has started. */
@Component
public class CommandRunner implements ApplicationRunner, ExitCodeGenerator {
    /** Exit code of a command that did not run because another instance is active on the database. */
    public static final int ANOTHER_INSTANCE_ACTIVE = 3;
    /** Exit code of a cycle stopped by a shutdown request (its run is INTERRUPTED). */
    public static final int INTERRUPTED = 4;
    private final SyncCycle cycle;
    private final CommandHandlers handlers;
    private final Leadership leadership;
    private int exitCode;

    public CommandRunner(SyncCycle cycle, CommandHandlers handlers, Leadership leadership) {
        this.cycle = cycle;
        this.handlers = handlers;
        this.leadership = leadership;
    }

    @Override
    public void run(ApplicationArguments args) {
        Command command = Command.parse(args.getSourceArgs());
        PrintStream out = System.out;
        if (command.takesLock() && !leadership.tryLead()) {
            System.err.println("partner-sync: another instance is active on this database: " + leadership.holder()
                    + ". '" + command.text() + "' did not run, so the work is not done twice; stop that instance first "
                    + "or leave the work to it.");
            exitCode = ANOTHER_INSTANCE_ACTIVE;
            return;
        }
        switch (command.name()) {
            case "sync", "sandbox" -> {
                if (command.has("--full")) {
                    handlers.resetCheckpoints();
                }
                SyncCycle.Result result = cycle.run(command.name() + (command.has("--full") ? " --full" : ""));
                out.println(result.table());
                if (command.name().equals("sandbox")) {
                    out.print(handlers.programSummary());
                }
                exitCode = switch (result.status()) {
                    case "FAILED" -> 1;
                    case "INTERRUPTED" -> INTERRUPTED;
                    default -> 0;
                };
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

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
