-- Cheap idle runs (HubSpot): deletions are found by walking the archived list, ⌈archived/100⌉ calls per object, so it
-- runs on its own cadence (partner-sync.hubspot.archived-scan-interval) instead of every incremental. Kept here so a
-- restart does not rescan needlessly; set only when a walk reached its last page, so a failed walk is retried.
alter table sync_checkpoint add column archived_scanned_at timestamptz;
comment on column sync_checkpoint.archived_scanned_at is 'When the last complete walk of the CRM''s archived list for this object started (HubSpot); null = never, the next incremental walks it.';
