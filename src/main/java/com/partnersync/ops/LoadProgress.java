package com.partnersync.ops;

import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.PageListener;
import com.partnersync.warehouse.RunListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Progress of long loads: at most every {@code every} (10 s) per object, one line with the records committed so far,
 * the total when the CRM said it (SOQL {@code totalSize}, HubSpot search {@code total}), the rate and the ETA.
 */
public class LoadProgress implements PageListener, RunListener {
    private static final Logger log = LoggerFactory.getLogger(LoadProgress.class);
    private final long everyNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Tracker> objects = new ConcurrentHashMap<>();

    private static final class Tracker {
        final long startNanos;
        long lastLogNanos;
        long records;
        long total = -1;

        Tracker(long now) {
            startNanos = now;
            lastLogNanos = now;
        }
    }

    public LoadProgress(Duration every, LongSupplier nanoTime) {
        this.everyNanos = every.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The CRM's count of the records the object's read will return. */
    public void expect(String source, String object, long total) {
        tracker(source + " " + object).total = total;
    }

    @Override
    public void committed(PageCommit page, PageCounts counts) {
        Tracker t = tracker(page.sourceSystem() + " " + page.object());
        synchronized (t) {
            t.records += counts.inserted() + counts.updated() + counts.unchanged() + counts.deleted() + counts.errors();
            long now = nanoTime.getAsLong();
            if (now - t.lastLogNanos >= everyNanos) {
                t.lastLogNanos = now;
                log.info(line(page.sourceSystem() + " " + page.object(), t, now));
            }
        }
    }

    static String line(String object, long records, long total, double seconds) {
        double rate = seconds <= 0 ? 0 : records / seconds;
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s: %,d records so far, %,.0f/s", object, records, rate);
        }
        long left = Math.max(0, total - records);
        String eta = rate <= 0 ? "unknown" : format(Duration.ofSeconds((long) Math.ceil(left / rate)));
        return String.format(Locale.ROOT, "%s: %,d of %,d records (%d%%), %,.0f/s, ETA %s", object, records, total,
                Math.min(100, records * 100 / total), rate, eta);
    }

    private static String line(String object, Tracker t, long now) {
        return line(object, t.records, t.total, (now - t.startNanos) / 1e9);
    }

    private static String format(Duration d) {
        return d.toHours() > 0 ? d.toHours() + "h " + d.toMinutesPart() + "m"
                : d.toMinutes() > 0 ? d.toMinutes() + "m " + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }

    private Tracker tracker(String key) {
        return objects.computeIfAbsent(key, k -> new Tracker(nanoTime.getAsLong()));
    }

    @Override
    public void started(long runId, String command) {
        objects.clear();
    }

    @Override
    public void objectFinished(long runId, ObjectSummary summary) {
        objects.remove(summary.sourceSystem() + " " + summary.object());
    }
}
