-- A run ends INTERRUPTED when the process was asked to stop (SIGTERM) mid-run, and is marked ABANDONED by the next
-- active instance when the process running it died (kill -9, lost host) and left it RUNNING.
alter table sync_run drop constraint sync_run_status_check;
alter table sync_run add constraint sync_run_status_check
    check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'PAUSED_LIMIT', 'PARTIAL', 'INTERRUPTED', 'ABANDONED'));
alter table sync_run_object drop constraint sync_run_object_status_check;
alter table sync_run_object add constraint sync_run_object_status_check
    check (status in ('SUCCEEDED', 'FAILED', 'PAUSED_LIMIT', 'SKIPPED', 'INTERRUPTED'));
comment on column sync_run.status is
    'RUNNING, SUCCEEDED, FAILED, PAUSED_LIMIT (stopped to keep within a CRM API budget), PARTIAL, INTERRUPTED (stopped by a shutdown request), ABANDONED (left RUNNING by a process that died; ended_at is when the next active instance noticed).';
comment on column sync_run_object.status is 'SUCCEEDED, FAILED, PAUSED_LIMIT, SKIPPED or INTERRUPTED (stopped by a shutdown request after its last committed page).';
