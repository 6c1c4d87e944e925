-- What partner_sync_reader (the role BI tools and analysts log in through) may read: exactly this allow-list, the
-- partner model, the rules' and dedup's results and the analyst views. Not the write-back queue (payloads), dedup's
-- normalized match keys (emails, phones), the sync cursors and checkpoints, run bookkeeping or Flyway's history.
-- Flyway runs this after every migrate, so a relation a later migration adds stays unreadable until it is listed
-- here, and a listed view that a migration re-creates gets its grant back. A new analyst table or view: add it below.
do $$
declare
    readable constant text[] := array[
        -- the partner model
        'partner', 'account', 'opportunity', 'activity', 'lead', 'deal_registration',
        'deal_registration_status_history',
        -- rules' and dedup's results
        'deal_registration_credit', 'opportunity_attribution', 'opportunity_influence', 'partner_segment_history',
        'lead_cluster', 'lead_duplicate_event',
        -- dedup's review queue without the normalized e-mails and phones (lead_match_evidence, lead_match_review and
        -- lead_cluster_explained carry them in their evidence, as lead_match_key does, so they stay unreadable)
        'v_lead_match_review',
        -- analyst views
        'v_partner_opportunity', 'v_partner_opportunity_credit', 'v_partner_scorecard_quarterly',
        'v_cosell_pipeline_weekly', 'v_program_health'];
    relation text;
begin
    -- two instances starting at once both run this after their (no-op) migrate: one at a time, else the concurrent
    -- revokes fail with "tuple concurrently updated" and the later instance does not start
    perform pg_advisory_xact_lock(hashtext('partner_sync_reader_grants'));
    if not exists (select 1 from pg_roles where rolname = 'partner_sync_reader') then
        raise warning 'role partner_sync_reader does not exist: reader grants skipped';
        return;
    end if;
    -- earlier versions granted every new table by default privilege
    alter default privileges in schema public revoke all on tables from partner_sync_reader;
    revoke all on all tables in schema public from partner_sync_reader;
    revoke all on all sequences in schema public from partner_sync_reader;
    grant usage on schema public to partner_sync_reader;
    foreach relation in array readable loop
        if to_regclass(format('public.%I', relation)) is null then
            raise warning 'reader grants: % does not exist', relation;
        else
            execute format('grant select on public.%I to partner_sync_reader', relation);
        end if;
    end loop;
end $$;
