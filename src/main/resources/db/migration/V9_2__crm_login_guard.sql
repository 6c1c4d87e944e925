-- LoginGuard: failed logins per CRM, kept across restarts so a wrong password cannot lock the integration user out.
create table crm_login_guard (
    source_system text        primary key,
    fingerprint   text        not null,
    failed_cycles integer     not null default 0,
    failed_logins timestamptz[] not null default '{}',
    last_error    text,
    updated_at    timestamptz not null default now()
);
comment on table crm_login_guard is 'Login failures per CRM (LoginGuard): after 3 failed cycles in a row, or 3 failed logins within an hour, no login is tried until the credentials change or sync --once is run by hand.';
comment on column crm_login_guard.source_system is 'salesforce or hubspot.';
comment on column crm_login_guard.fingerprint is 'SHA-256 fingerprint of the credentials the failures were counted for (not the credentials); a change resets the count.';
comment on column crm_login_guard.failed_cycles is 'Cycles in a row whose login failed.';
comment on column crm_login_guard.failed_logins is 'When logins failed within the last hour.';
comment on column crm_login_guard.last_error is 'The CRM''s error code of the last failed login (invalid_grant, INVALID_AUTHENTICATION, ...); null after a success.';
comment on column crm_login_guard.updated_at is 'When the row last changed.';
