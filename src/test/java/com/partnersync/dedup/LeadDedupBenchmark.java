package com.partnersync.dedup;

import com.partnersync.testsupport.TestSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * {@code mvn -B -Pbench test -Dtest=LeadDedupBenchmark [-Dbench.n=1000000]}: generated leads, a known share of them
 * planted duplicates of another lead (case/plus-address/dot e-mail variants, phone formats, name typos, swapped or
 * missing names, legal suffixes), deduplicated in memory by the production normalizers and matcher. Prints seconds,
 * candidate pairs against n²/2, peak heap and precision/recall on the planted duplicates; asserts nothing about time.
 */
@Tag("bench")
class LeadDedupBenchmark {
    private static final String[] ONSETS = {"b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v",
            "w", "z", "ch", "sh", "br", "st", "tr", "gr", "kl", "fl", "dr", "pr", "sk", "th", "ph"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ei", "ou", "ia", "y"};
    private static final String[] CODAS = {"n", "r", "l", "s", "m", "nd", "rt", "ck", "x", "ss", "lle", "son", "berg", "ton", "ez"};
    private static final String[] SUFFIXES = {"Inc", "Inc.", "LLC", "GmbH", "Ltd", "Corp", "", "", ""};
    private static final String[] FREE_MAIL = {"gmail.com", "yahoo.com", "outlook.com"};
    private static final double DUPLICATE_SHARE = 0.10;

    @Test
    void dedupeGeneratedLeads() {
        int n = Integer.getInteger("bench.n", 1_000_000);
        int originals = (int) Math.round(n * (1 - DUPLICATE_SHARE));
        DedupProperties properties = TestSettings.defaults(DedupProperties.class);
        LeadProfiler profiler = new LeadProfiler(properties);
        int[] entity = new int[n];
        long start = System.nanoTime();
        List<MatchProfile> profiles = IntStream.range(0, n).parallel().mapToObj(i -> {
            SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
            int person = i < originals ? i : random.nextInt(originals);
            entity[i] = person;
            LeadFields lead = person(person, i);
            return profiler.profile(i < originals ? lead : variant(lead, random));
        }).toList();
        double profiled = seconds(start);
        LeadMatcher.Result result = new LeadMatcher(properties).match(profiles);
        double total = seconds(start);
        double cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;

        long liveMb = liveHeapMb();
        LabeledLeads.Quality quality = LabeledLeads.quality(result.group(), entity);
        long allPairs = (long) n * (n - 1) / 2;
        System.out.printf(Locale.ROOT, """
                LeadDedupBenchmark: %,d leads (%,d planted duplicates, %.0f%%)
                  normalize + keys: %.1f s, match + cluster: %.1f s, total %.1f s wall (JVM CPU so far %.1f s, %d cores, load %.1f)
                  candidate pairs compared: %,d of n²/2 = %,d (%.6f%%, %.1f per lead)
                  heap: live after GC with all profiles and results %,d MB; old generation peak %,d MB; sum of pool peaks %,d MB (max heap %,d MB)
                  planted duplicates: %s%n""", profiles.size(), n - originals, DUPLICATE_SHARE * 100, profiled, total - profiled, total, cpu,
                Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                result.candidatePairs(), allPairs, 100.0 * result.candidatePairs() / allPairs,
                (double) result.candidatePairs() / n, liveMb, oldGenPeakMb(), peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20, quality);
    }

    /**
     * {@code -Dtest=LeadDedupBenchmark#incrementalAfterOnePercentChanged [-Dbench.db.n=100000]}: the same generated
     * leads in embedded PostgreSQL, {@code dedup --full}, then twice 1 % of the leads changed by a sync (a new, unique
     * phone) and an incremental run, then an incremental run with nothing changed; prints wall and CPU time of each and
     * their ratios to the full run (the target: incremental at most 5 % of full).
     */
    @Test
    void incrementalAfterOnePercentChanged() {
        int n = Integer.getInteger("bench.db.n", 100_000);
        int originals = (int) Math.round(n * (1 - DUPLICATE_SHARE));
        com.partnersync.testsupport.TestDatabase.truncateAll();
        org.springframework.jdbc.core.JdbcTemplate jdbc = com.partnersync.testsupport.TestDatabase.jdbc();
        for (int from = 0; from < n; from += 10_000) {
            List<LeadFields> batch = IntStream.range(from, Math.min(n, from + 10_000)).mapToObj(i -> {
                SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
                int person = i < originals ? i : random.nextInt(originals);
                LeadFields lead = person(person, i);
                return i < originals ? lead : variant(lead, random);
            }).toList();
            jdbc.update("""
                    insert into lead (source_system, source_id, record_kind, first_name, last_name, email, phone, company,
                                      website, street, city, postcode, country)
                    select 'salesforce', s, 'lead', f, l, e, p, c, w, st, ci, pc, 'US'
                    from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                ?::text[], ?::text[]) as t(s, f, l, e, p, c, w, st, ci, pc)""",
                    batch.stream().map(l -> Long.toString(l.id())).toArray(String[]::new),
                    batch.stream().map(LeadFields::firstName).toArray(String[]::new),
                    batch.stream().map(LeadFields::lastName).toArray(String[]::new),
                    batch.stream().map(LeadFields::email).toArray(String[]::new),
                    batch.stream().map(LeadFields::phone).toArray(String[]::new),
                    batch.stream().map(LeadFields::company).toArray(String[]::new),
                    batch.stream().map(LeadFields::website).toArray(String[]::new),
                    batch.stream().map(LeadFields::street).toArray(String[]::new),
                    batch.stream().map(LeadFields::city).toArray(String[]::new),
                    batch.stream().map(LeadFields::postcode).toArray(String[]::new));
        }
        LeadDedup dedup = new LeadDedup(com.partnersync.testsupport.TestDatabase.dataSource(), TestSettings.defaults(DedupProperties.class));
        Path postmaster = Path.of(jdbc.queryForObject("show data_directory", String.class), "postmaster.pid");
        // the full run rewrites every lead and match key; the vacuum autovacuum would run after it is its cost too (and
        // would otherwise land in whichever incremental run is measured when it starts)
        Run full = run(() -> {
            LeadDedup.Report report = dedup.runFull();
            jdbc.execute("vacuum analyze lead, lead_match_key, lead_match_evidence, lead_match_review, lead_cluster");
            return report;
        }, jdbc, postmaster);
        // every sync cycle changes another 1 % of the leads (a new, unique phone) and runs the incremental step; the
        // first run after the full run also pays for compiling its code paths in this JVM, later ones show what a
        // cycle of the long-running service costs
        int cycles = Integer.getInteger("bench.db.cycles", 5);
        List<Run> incremental = new java.util.ArrayList<>();
        int changed = 0;
        for (int cycle = 0; cycle < cycles; cycle++) {
            changed = changeOnePercent(jdbc, cycle * 100 / cycles);
            incremental.add(run(dedup::runIncremental, jdbc, postmaster));
        }
        Run idle = run(dedup::runIncremental, jdbc, postmaster);
        Run first = incremental.get(0);
        List<Run> later = incremental.subList(1, incremental.size());
        double laterWall = later.stream().mapToDouble(Run::wall).average().orElse(Double.NaN);
        double laterCpu = later.stream().mapToDouble(Run::cpu).average().orElse(Double.NaN);
        StringBuilder runs = new StringBuilder();
        for (int cycle = 0; cycle < cycles; cycle++) {
            runs.append(String.format(Locale.ROOT, "  incremental, sync cycle %d:     %s%n", cycle + 1, incremental.get(cycle)));
        }
        System.out.printf(Locale.ROOT, """
                LeadDedupBenchmark (PostgreSQL): %,d leads, %,d changed (1%%) per sync cycle, load %.1f, shared_buffers %s
                  full:                            %s
                %s  nothing changed:                 %s
                  incremental / full: first %.3f wall, %.3f CPU; cycles 2-%d (mean) %.3f wall, %.3f CPU; nothing changed %.4f wall, %.4f CPU%n""",
                n, changed, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                jdbc.queryForObject("show shared_buffers", String.class), full, runs, idle,
                first.wall / full.wall, first.cpu() / full.cpu(), cycles, laterWall / full.wall, laterCpu / full.cpu(),
                idle.wall / full.wall, idle.cpu() / full.cpu());
    }

    /**
     * One dedup run with the checkpoint that writes its changed pages: wall and CPU seconds (JVM, of which the JIT
     * compiler threads, and PostgreSQL).
     */
    private record Run(LeadDedup.Report report, double wall, double jvm, double jit, double postgres) {
        double cpu() {
            return jvm + postgres;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f s wall, CPU %.2f s (JVM %.2f, of it JIT compiler %.2f; PostgreSQL %.2f); %s",
                    wall, cpu(), jvm, jit, postgres, report.summary());
        }
    }

    /**
     * Runs {@code dedup} and a checkpoint: the pages a run dirtied are written by it, not by (and counted against)
     * the run measured after it.
     */
    private static Run run(java.util.function.Supplier<LeadDedup.Report> dedup, org.springframework.jdbc.core.JdbcTemplate jdbc,
                           Path postmaster) {
        double[] before = cpu(postmaster);
        double jitBefore = jitCompilerCpu();
        long start = System.nanoTime();
        LeadDedup.Report report = dedup.get();
        jdbc.execute("checkpoint");
        double wall = seconds(start);
        double[] after = cpu(postmaster);
        return new Run(report, wall, after[0] - before[0], jitCompilerCpu() - jitBefore, after[1] - before[1]);
    }

    /**
     * CPU seconds so far of this JVM's JIT compiler threads ("C1 CompilerThre", "C2 CompilerThre" in /proc): what a
     * run spends compiling code it runs for the first times, which a long-running service pays once.
     */
    private static double jitCompilerCpu() {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                String[] f = stat(task.resolve("stat"));
                if (f != null && f[1].matches("C\\d CompilerThre.*")) {
                    ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks / 100.0;
    }

    /** A sync gives every hundredth lead (those with id % 100 = {@code offset}) a new, unique phone; returns how many. */
    private static int changeOnePercent(org.springframework.jdbc.core.JdbcTemplate jdbc, int offset) {
        return jdbc.update("""
                update lead set phone = '+1 (' || (212 + ?) || ') ' || (2000000 + id), synced_at = clock_timestamp()
                where id % 100 = ?""", offset, offset);
    }

    /**
     * CPU seconds so far of this JVM and of the embedded PostgreSQL server (the postmaster, its live processes and the
     * backends it has reaped), so that a run's cost on a machine shared with other builds is measured, not only its
     * wall time. Linux /proc; clock ticks of 1/100 s.
     */
    private static double[] cpu(Path postmasterPid) {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        try {
            String pid = Files.readAllLines(postmasterPid).get(0).strip();
            while (true) {
                // a backend that exits while its siblings are read is in neither sum unless the postmaster reaped it
                // before the second read of its own times: read again until those did not move
                long reaped = reapedTicks(pid);
                long live = 0;
                try (var processes = Files.list(Path.of("/proc"))) {
                    for (Path process : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                        String[] f = stat(process.resolve("stat"));
                        if (f != null && f[3].equals(pid)) {
                            live += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        }
                    }
                }
                if (reapedTicks(pid) == reaped) {
                    return new double[]{jvm, (reaped + live) / 100.0};
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The postmaster's own CPU ticks and those of the children it has reaped. */
    private static long reapedTicks(String pid) {
        String[] own = stat(Path.of("/proc", pid, "stat"));
        return Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15]) + Long.parseLong(own[16]);
    }

    /** Fields of /proc/PID/stat numbered as in proc(5) from 1 (the command name, which may hold spaces, is 2); null if gone. */
    private static String[] stat(Path file) {
        try {
            String line = Files.readString(file);
            String[] rest = line.substring(line.lastIndexOf(')') + 2).split(" ");
            String[] fields = new String[rest.length + 2];
            fields[1] = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException e) {
            return null;
        }
    }

    /** Original person {@code p}: the same p always yields the same fields (duplicates are variants of it). */
    private static LeadFields person(int p, int leadId) {
        SplittableRandom r = new SplittableRandom(p * 0xBF58476D1CE4E5B9L + 7);
        String first = name(r, 2);
        String last = name(r, 2 + r.nextInt(2));
        int companyNo = p / 40;
        String company = capitalize(name(new SplittableRandom(companyNo), 2)) + " " + companyNo;
        String domain = company.toLowerCase(Locale.ROOT).replace(" ", "") + ".com";
        boolean freeMail = r.nextInt(5) == 0;
        // the person number in the mailbox keeps two originals with one name at one company apart, as in real mailboxes
        String email = first + "." + last + (freeMail ? p + "@" + FREE_MAIL[r.nextInt(FREE_MAIL.length)] : p % 40 + "@" + domain);
        String phone = String.format(Locale.ROOT, "+1 (%03d) %03d-%04d", 201 + r.nextInt(700), 200 + r.nextInt(700), r.nextInt(10_000));
        int city = r.nextInt(2_000);
        return new LeadFields(leadId, capitalize(first), capitalize(last), email, phone,
                company + " " + SUFFIXES[r.nextInt(SUFFIXES.length)], "https://www." + domain,
                (1 + r.nextInt(998)) + " " + capitalize(name(r, 2)) + " Street", "City " + city,
                String.format(Locale.ROOT, "%05d", 10_000 + city * 37), null, "US", null, null, null);
    }

    /** One to three of the messes partner forms and CRM imports produce. */
    private static LeadFields variant(LeadFields o, SplittableRandom r) {
        String first = o.firstName();
        String last = o.lastName();
        String email = o.email();
        String phone = o.phone();
        String company = o.company();
        String website = o.website();
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            switch (r.nextInt(8)) {
                case 0 -> email = email.toUpperCase(Locale.ROOT);
                case 1 -> email = email.replace("@", "+partner@");
                case 2 -> phone = phone == null ? null : phone.replaceAll("[^0-9]", "").substring(1);
                case 3 -> first = typo(first, r);
                case 4 -> last = typo(last, r);
                case 5 -> {
                    String swap = first;
                    first = last;
                    last = swap;
                }
                case 6 -> {
                    company = company.replaceAll(" (Inc\\.?|LLC|GmbH|Ltd|Corp)$", "").toUpperCase(Locale.ROOT);
                    website = null;
                }
                default -> phone = r.nextBoolean() ? null : phone;
            }
        }
        return new LeadFields(o.id(), first, last, email, phone, company, website, o.street(), o.city(), o.postcode(),
                o.state(), o.country(), null, null, null);
    }

    private static String typo(String s, SplittableRandom r) {
        if (s.length() < 4) {
            return s;
        }
        int i = 1 + r.nextInt(s.length() - 2);
        char[] c = s.toCharArray();
        char t = c[i];
        c[i] = c[i + 1];
        c[i + 1] = t;
        return new String(c);
    }

    private static String name(SplittableRandom r, int syllables) {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < syllables; s++) {
            b.append(ONSETS[r.nextInt(ONSETS.length)]).append(VOWELS[r.nextInt(VOWELS.length)]);
        }
        return b.append(CODAS[r.nextInt(CODAS.length)]).toString();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Heap still in use after a full collection: the working set, what -Xmx must hold. */
    private static long liveHeapMb() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return (rt.totalMemory() - rt.freeMemory()) >> 20;
    }

    private static long oldGenPeakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getName().contains("Old Gen"))
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    /** Upper bound: each pool's own peak, though the pools peak at different times. */
    private static long peakHeapMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
