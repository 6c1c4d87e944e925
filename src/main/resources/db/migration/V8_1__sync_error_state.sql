-- sync_error becomes current state: one row per (source, object, record, field, problem) instead of one per run.
alter table sync_error
    add column problem     text,
    add column severity    text        not null default 'error' check (severity in ('error', 'warning')),
    add column first_seen  timestamptz,
    add column last_seen   timestamptz,
    add column occurrences integer     not null default 1,
    add column resolved_at timestamptz;

-- The problem is the message without the value it quotes ("not a date: '20261207'" -> "not a date").
update sync_error set problem = split_part(message, ': ''', 1), first_seen = created_at, last_seen = created_at;

-- Fold the log into state: keep the newest row of each key, counting the runs that met it.
with keyed as (
    select id, created_at, run_id,
           row_number() over (partition by source_system, object, coalesce(record_id, ''), coalesce(field, ''), problem
                              order by created_at desc, id desc) as rn,
           source_system || ' ' || object || ' ' || coalesce(record_id, '') || ' ' || coalesce(field, '') || ' ' || problem as k
    from sync_error),
totals as (select k, min(created_at) as first_at, count(distinct run_id) as runs from keyed group by k)
update sync_error e set first_seen = t.first_at, occurrences = greatest(t.runs, 1)
from keyed r join totals t on t.k = r.k where r.id = e.id and r.rn = 1;
delete from sync_error e using (
    select id, row_number() over (partition by source_system, object, coalesce(record_id, ''), coalesce(field, ''),
                                  problem order by created_at desc, id desc) as rn
    from sync_error) d
where d.id = e.id and d.rn > 1;

alter table sync_error
    alter column problem set not null,
    alter column first_seen set not null,
    alter column first_seen set default now(),
    alter column last_seen set not null,
    alter column last_seen set default now();
create unique index sync_error_key on sync_error (source_system, object, coalesce(record_id, ''), coalesce(field, ''), problem);
create index sync_error_open on sync_error (source_system, object, record_id) where resolved_at is null;

create view v_sync_error_open as
select id, source_system, object, record_id, field, problem, severity, message, first_seen, last_seen, occurrences,
       run_id, raw
from sync_error
where resolved_at is null;

comment on table sync_error is 'What could not be loaded as it came, as current state: one row per source, object, record, field and problem (errors: not loaded; warnings: loaded after a repair). Per-run counts are in sync_run_object.';
comment on column sync_error.run_id is 'sync_run.id of the last run that met it.';
comment on column sync_error.message is 'What was wrong, with the offending value, as last seen.';
comment on column sync_error.created_at is 'When the row was created (equals first_seen).';
comment on column sync_error.problem is 'The kind of problem (the message without the value it quotes): part of the row''s key.';
comment on column sync_error.severity is 'error (the record or field was not loaded) or warning (loaded after removing what PostgreSQL cannot store).';
comment on column sync_error.first_seen is 'When a run first met the problem.';
comment on column sync_error.last_seen is 'When a run last met the problem.';
comment on column sync_error.occurrences is 'How many runs met the problem.';
comment on column sync_error.resolved_at is 'When the record was next read without the problem (null: still open).';
comment on view v_sync_error_open is 'sync_error rows not resolved yet: what an operator has to look at.';
comment on column v_sync_error_open.id is 'sync_error.id.';
comment on column v_sync_error_open.source_system is 'salesforce or hubspot.';
comment on column v_sync_error_open.object is 'CRM object.';
comment on column v_sync_error_open.record_id is 'CRM id of the record.';
comment on column v_sync_error_open.field is 'CRM field and model column.';
comment on column v_sync_error_open.problem is 'The kind of problem.';
comment on column v_sync_error_open.severity is 'error or warning.';
comment on column v_sync_error_open.message is 'What was wrong, as last seen.';
comment on column v_sync_error_open.first_seen is 'When a run first met the problem.';
comment on column v_sync_error_open.last_seen is 'When a run last met the problem.';
comment on column v_sync_error_open.occurrences is 'How many runs met the problem.';
comment on column v_sync_error_open.run_id is 'The last run that met it.';
comment on column v_sync_error_open.raw is 'The record as last received.';
