-- Cheap idle runs: the time up to which an object's changes are provably read (the last complete read's start
-- minus the safety lag). The next query starts there instead of re-reading the look-back window before the newest
-- record on every run.
alter table sync_checkpoint add column read_through timestamptz;
comment on column sync_checkpoint.read_through is 'Every change before this time has been read (start of the last complete read minus the look-back); the next read starts here when it is later than the checkpoint minus the look-back.';
