package com.partnersync.app;

import com.partnersync.dedup.LeadDedup;
import com.partnersync.mapping.ValidateMappings;
import com.partnersync.rules.ProgramSummary;
import com.partnersync.sync.Reconcile;
import com.partnersync.writeback.WritebackService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.LocalDate;

/** The work behind the one-shot commands other than a sync cycle. */
@Component
public class CommandHandlers {
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final ValidateMappings validateMappings;
    private final WritebackService writeback;
    private final LeadDedup leadDedup;
    private final Reconcile reconcile;
    private final Clock clock;

    public CommandHandlers(DataSource dataSource, ValidateMappings validateMappings, WritebackService writeback,
                           LeadDedup leadDedup, Reconcile reconcile, Clock clock) {
        this.dataSource = dataSource;
        this.reconcile = reconcile;
        this.clock = clock;
        this.jdbc = new JdbcTemplate(dataSource);
        this.validateMappings = validateMappings;
        this.writeback = writeback;
        this.leadDedup = leadDedup;
    }

    /** {@code sync --once --full}: forget every checkpoint so each object is read from the start. */
    public void resetCheckpoints() {
        jdbc.update("delete from sync_checkpoint");
        // an interrupted HubSpot full load would otherwise resume from its list cursor instead of starting over
        jdbc.update("delete from hubspot_list_cursor");
    }

    /** {@code validate-mappings}: the printable report; not ok means the command exits non-zero. */
    public ValidateMappings.Report validateMappings() {
        return validateMappings.run();
    }

    /** {@code writeback --dry-run}: per CRM object, the records and fields the next drain would change. */
    public String writebackDryRun() {
        return writeback.dryRun().render();
    }

    /** {@code dedup --full}: re-match every live lead; the one-line report is printed by the command runner. */
    public String dedupFull() {
        return leadDedup.runFull().summary();
    }

    /** {@code reconcile [--object NAME]}: the CRMs' live ids against the warehouse, purged rows soft-deleted, missing loaded. */
    public Reconcile.Report reconcile(String object) {
        return reconcile.run(object);
    }

    /** {@code dedup --explain LEAD_ID}: the lead's cluster, survivor, members and why each link was made. */
    public String dedupExplain(long leadId) {
        return leadDedup.explain(leadId);
    }

    /** The partner program block the {@code sandbox} command prints after its cycle, as of the rules' clock. */
    public String programSummary() {
        return ProgramSummary.of(dataSource, LocalDate.now(clock)).render();
    }
}
