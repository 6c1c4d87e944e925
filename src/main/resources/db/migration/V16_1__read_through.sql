-- Cheap idle runs: the time up to which an object's changes are provably read (the start of the last complete
-- incremental read by the CRM's clock, minus the safety lag). The next query starts there instead of re-reading the
-- look-back window before the newest record on every run.
alter table sync_checkpoint add column read_through timestamptz;
comment on column sync_checkpoint.read_through is 'Every change the CRM stamped before this time has been read (start of the last complete read by the CRM''s clock, from its Date header, minus the look-back); the next read starts here when it is later than the checkpoint minus the look-back.';
