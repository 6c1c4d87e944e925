package com.partnersync.app;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The command line: which job this process runs. Anything starting with {@code --} that is not a command flag is a
 * Spring property ({@code --partner-sync.mappings-dir=...}) and is left to Spring.
 */
public record Command(String name, Set<String> flags, List<String> arguments) {
    public static final String USAGE = """
            usage: java -jar partner-sync.jar [command] [--spring.property=value ...]
              (none)                 run forever, syncing every partner-sync.schedule.interval
              sync --once [--full]   one cycle: sources, dedup, rules, write-back; --full ignores checkpoints
              sandbox [--keep-running]  start the built-in CRM sandbox and run one cycle against it;
                                     --keep-running keeps the sandbox and the schedule running
              validate-mappings      check mappings/ against the model and exit
              writeback --dry-run    show which CRM fields would change, write nothing
              dedup --full           re-cluster every lead
              dedup --explain LEAD_ID  print the lead's cluster, survivor, members and the evidence of each link
              reconcile [--object NAME]  compare every mapped object's live ids in the CRM with the warehouse:
                                     soft-delete purged rows, load missing ones, print the table""";
    private static final Map<String, Set<String>> COMMANDS = Map.of(
            "run", Set.of(),
            "sync", Set.of("--once", "--full"),
            "sandbox", Set.of("--keep-running"),
            "validate-mappings", Set.of(),
            "writeback", Set.of("--dry-run"),
            "dedup", Set.of("--full", "--explain"),
            "reconcile", Set.of("--object"));

    public static Command parse(String... args) {
        List<String> words = Arrays.stream(args).filter(a -> !a.startsWith("--") || !a.contains("=")).toList();
        String name = words.isEmpty() || words.get(0).startsWith("--") ? "run" : words.get(0);
        if (!COMMANDS.containsKey(name)) {
            throw new IllegalArgumentException("unknown command '" + name + "'\n" + USAGE);
        }
        Set<String> flags = Set.copyOf(words.stream().filter(w -> w.startsWith("--")).toList());
        for (String flag : flags) {
            if (!COMMANDS.get(name).contains(flag)) {
                throw new IllegalArgumentException("unknown option '" + flag + "' for " + name + "\n" + USAGE);
            }
        }
        if (name.equals("sync") && !flags.contains("--once")) {
            throw new IllegalArgumentException("sync needs --once (without a command the process syncs on a schedule)\n" + USAGE);
        }
        if (name.equals("writeback") && !flags.contains("--dry-run")) {
            throw new IllegalArgumentException("writeback runs by itself after each sync; only --dry-run is a command\n" + USAGE);
        }
        if (name.equals("dedup") && flags.size() != 1) {
            throw new IllegalArgumentException("dedup needs --full or --explain LEAD_ID\n" + USAGE);
        }
        List<String> arguments = words.stream().skip(words.isEmpty() || words.get(0).startsWith("--") ? 0 : 1)
                .filter(w -> !w.startsWith("--")).toList();
        if (flags.contains("--explain") && (arguments.size() != 1 || !arguments.get(0).matches("\\d+"))) {
            throw new IllegalArgumentException("dedup --explain needs one lead id (lead.id)\n" + USAGE);
        }
        if (flags.contains("--object") && arguments.size() != 1) {
            throw new IllegalArgumentException("--object needs a CRM object name (Account, deals, ...)\n" + USAGE);
        }
        return new Command(name, flags, arguments);
    }

    /** Long-running mode keeps the JVM alive and schedules syncs; every other command does its job and exits. */
    public boolean runsForever() {
        return name.equals("run") || flags.contains("--keep-running");
    }

    /** Commands that sync or change the warehouse take the active-instance lock, so they never double a running instance. */
    public boolean takesLock() {
        return Set.of("sync", "sandbox", "reconcile").contains(name) || name.equals("dedup") && has("--full");
    }

    /** As typed: the name and its flags. */
    public String text() {
        return flags.isEmpty() ? name : name + " " + String.join(" ", flags.stream().sorted().toList());
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    /** Defaults Spring starts with for this command (the command line and environment still override them). */
    public Map<String, Object> defaultProperties() {
        Map<String, Object> properties = new HashMap<>();
        // sandbox --keep-running goes on syncing the sandbox on the schedule after its first cycle
        properties.put("partner-sync.schedule.enabled", runsForever());
        if (name.equals("sandbox")) {
            properties.put("partner-sync.schedule.delay-first", true);
            if (runsForever()) {
                // someone at work in the sandbox org, so its changes are seen streaming in between cycles
                properties.put("partner-sync.sandbox.change-every", "20s");
                // ...and the sandbox HubSpot tells the connector's web port about its changes, as webhooks
                properties.put("partner-sync.sandbox.hubspot-webhook-url", "http://127.0.0.1:${server.port:8080}/webhooks/hubspot");
            }
        }
        properties.put("camel.main.run-controller", runsForever());
        properties.put("partner-sync.command", name);
        return properties;
    }
}
