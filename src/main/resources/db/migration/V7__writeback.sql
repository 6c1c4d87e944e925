-- Write-back of computed values into CRM fields (issue 7).
-- A change to a computed column enqueues its record in writeback_outbox from a trigger, so the write is queued in the
-- same transaction as the change and cannot be lost. The drain computes the values to send from the
-- writeback_values_<target> views at send time (the latest value wins), compares them with what the CRM last reported
-- (the synced raw JSON) and what we last wrote (writeback_field_state), and sends only fields that differ.

create table writeback_outbox (
    id              bigserial primary key,
    target          text        not null check (target in ('deal_registration', 'opportunity', 'partner', 'lead')),
    source_system   text        not null check (source_system in ('salesforce', 'hubspot')),
    source_id       text        not null,
    status          text        not null default 'PENDING'
        check (status in ('PENDING', 'SENDING', 'SENT', 'NOOP', 'FAILED', 'SKIPPED', 'SUPERSEDED')),
    enqueued_at     timestamptz not null default now(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    crm_object      text,
    payload         jsonb,
    sending_at      timestamptz,
    finished_at     timestamptz,
    error_code      text,
    error_message   text,
    error_fields    text[]
);
-- one pending entry per record: further changes before the drain coalesce into it
create unique index writeback_outbox_pending on writeback_outbox (target, source_system, source_id) where status = 'PENDING';
create index writeback_outbox_open on writeback_outbox (status, target, source_system, id) where status in ('PENDING', 'SENDING');
create index writeback_outbox_record on writeback_outbox (target, source_system, source_id);

create table writeback_field_state (
    source_system text        not null,
    crm_object    text        not null,
    source_id     text        not null,
    crm_field     text        not null,
    value         text,
    written_at    timestamptz not null,
    outbox_id     bigint      not null references writeback_outbox (id),
    primary key (source_system, crm_object, source_id, crm_field)
);

create function writeback_enqueue() returns trigger language plpgsql as $$
begin
    insert into writeback_outbox (target, source_system, source_id)
    values (tg_argv[0], new.source_system, new.source_id)
    on conflict (target, source_system, source_id) where status = 'PENDING' do nothing;
    return null;
end $$;

create trigger deal_registration_writeback_insert after insert on deal_registration for each row
    when (new.status is not null or new.expires_at is not null or new.acceptance_text is not null)
    execute function writeback_enqueue('deal_registration');
create trigger deal_registration_writeback_update after update of status, expires_at, acceptance_text on deal_registration
    for each row
    when ((old.status, old.expires_at, old.acceptance_text) is distinct from (new.status, new.expires_at, new.acceptance_text))
    execute function writeback_enqueue('deal_registration');

create trigger partner_writeback_insert after insert on partner for each row
    when (new.tier is not null or new.quadrant is not null)
    execute function writeback_enqueue('partner');
create trigger partner_writeback_update after update of tier, quadrant on partner for each row
    when (old.tier is distinct from new.tier or old.quadrant is distinct from new.quadrant)
    execute function writeback_enqueue('partner');

create trigger lead_writeback_insert after insert on lead for each row
    when (new.duplicate_of_lead_id is not null)
    execute function writeback_enqueue('lead');
create trigger lead_writeback_update after update of duplicate_of_lead_id on lead for each row
    when (old.duplicate_of_lead_id is distinct from new.duplicate_of_lead_id)
    execute function writeback_enqueue('lead');

-- attribution lives in its own table keyed by the opportunity's warehouse id
create function writeback_enqueue_opportunity() returns trigger language plpgsql as $$
begin
    insert into writeback_outbox (target, source_system, source_id)
    select 'opportunity', o.source_system, o.source_id from opportunity o
    where o.id = (case when tg_op = 'DELETE' then old.opportunity_id else new.opportunity_id end)
    on conflict (target, source_system, source_id) where status = 'PENDING' do nothing;
    return null;
end $$;

create trigger opportunity_attribution_writeback_insert after insert or delete on opportunity_attribution for each row
    execute function writeback_enqueue_opportunity();
create trigger opportunity_attribution_writeback_update after update of source, partner_id on opportunity_attribution
    for each row when ((old.source, old.partner_id) is distinct from (new.source, new.partner_id))
    execute function writeback_enqueue_opportunity();

-- The values write-back sends, as text in the form CRM fields take them (dates as YYYY-MM-DD), one view per target.
-- Mapping files' writeback: sections name these columns.
create view writeback_values_deal_registration as
select source_system, source_id, status, to_char(expires_at at time zone 'UTC', 'YYYY-MM-DD') as expires_at,
       acceptance_text
from deal_registration;

create view writeback_values_opportunity as
select o.source_system, o.source_id, a.source as attribution_source, a.partner_id as attribution_partner_id
from opportunity o
left join opportunity_attribution a on a.opportunity_id = o.id;

create view writeback_values_lead as
select l.source_system, l.source_id, survivor.source_id as duplicate_of
from lead l
left join lead survivor on survivor.id = l.duplicate_of_lead_id;

create view writeback_values_partner as
select source_system, source_id, tier, quadrant
from partner;

-- Permanent failures an operator must look at: one row per field of a failed write (the fields the CRM blamed, or
-- every field sent when it named none). A later successful write of the same record clears it.
create view writeback_errors as
select o.id as outbox_id, o.target, o.source_system, o.crm_object, o.source_id as record_id, f.key as field,
       f.value #>> '{}' as value, o.error_code, o.error_message as message, o.finished_at as failed_at
from writeback_outbox o
cross join lateral jsonb_each(o.payload) f
where o.status = 'FAILED'
  and (o.error_fields is null or not (o.payload ?| o.error_fields) or f.key = any (o.error_fields))
  and not exists (select 1 from writeback_outbox later
                  where later.target = o.target and later.source_system = o.source_system
                    and later.source_id = o.source_id and later.id > o.id and later.status in ('SENT', 'NOOP'));

comment on table writeback_outbox is 'Write-back queue: one row per record whose computed values changed, filled by triggers in the same transaction as the change.';
comment on column writeback_outbox.id is 'Queue order.';
comment on column writeback_outbox.target is 'Model table of the record: deal_registration, opportunity, partner or lead.';
comment on column writeback_outbox.source_system is 'CRM the record lives in (salesforce or hubspot).';
comment on column writeback_outbox.source_id is 'CRM record id.';
comment on column writeback_outbox.status is 'PENDING (queued), SENDING (sent, CRM answer not yet recorded: reconciled against the CRM before anything else is sent), SENT, NOOP (the CRM already had every value), FAILED (permanent CRM error), SKIPPED (no write-back mapping or record gone), SUPERSEDED (a newer entry for the record took over).';
comment on column writeback_outbox.enqueued_at is 'When the change was queued.';
comment on column writeback_outbox.attempts is 'Sends so far (retryable errors: row lock, 429, 5xx).';
comment on column writeback_outbox.next_attempt_at is 'Not sent before this time (retry backoff).';
comment on column writeback_outbox.crm_object is 'CRM object written (Deal_Registration__c, deals, ...), set when sent.';
comment on column writeback_outbox.payload is 'CRM field -> value sent (only the fields that differed from the CRM).';
comment on column writeback_outbox.sending_at is 'When the batch holding this record was sent.';
comment on column writeback_outbox.finished_at is 'When the CRM answer (or the no-op decision) was recorded.';
comment on column writeback_outbox.error_code is 'CRM error code of the last failure (Salesforce statusCode, HubSpot category, HTTP status).';
comment on column writeback_outbox.error_message is 'CRM error message of the last failure, as the CRM worded it.';
comment on column writeback_outbox.error_fields is 'CRM fields the error named, when it named any.';

comment on table writeback_field_state is 'Last value partner-sync wrote to each CRM field; with the synced raw JSON it decides whether a field still needs sending.';
comment on column writeback_field_state.source_system is 'CRM written to.';
comment on column writeback_field_state.crm_object is 'CRM object written to.';
comment on column writeback_field_state.source_id is 'CRM record id.';
comment on column writeback_field_state.crm_field is 'CRM field name.';
comment on column writeback_field_state.value is 'Value written (null when the field was cleared).';
comment on column writeback_field_state.written_at is 'When the CRM confirmed the write.';
comment on column writeback_field_state.outbox_id is 'Outbox entry that carried the write.';

comment on view writeback_values_deal_registration is 'Deal-registration values written back: status, expiry date, acceptance text.';
comment on column writeback_values_deal_registration.source_system is 'CRM of the registration.';
comment on column writeback_values_deal_registration.source_id is 'CRM record id of the registration.';
comment on column writeback_values_deal_registration.status is 'Computed registration status (SUBMITTED, APPROVED, EXPIRED, INVALID, CONFLICT, REJECTED).';
comment on column writeback_values_deal_registration.expires_at is 'Expiry date (UTC) as YYYY-MM-DD.';
comment on column writeback_values_deal_registration.acceptance_text is 'Seed-002 acceptance text of an approved registration.';

comment on view writeback_values_opportunity is 'Opportunity values written back: the attribution decision.';
comment on column writeback_values_opportunity.source_system is 'CRM of the opportunity/deal.';
comment on column writeback_values_opportunity.source_id is 'CRM record id of the opportunity/deal.';
comment on column writeback_values_opportunity.attribution_source is 'Attribution (excluded, marketplace, partner, paid, direct).';
comment on column writeback_values_opportunity.attribution_partner_id is 'Partner credited with sourcing it, if any.';

comment on view writeback_values_lead is 'Lead values written back: the duplicate flag.';
comment on column writeback_values_lead.source_system is 'CRM of the lead/contact.';
comment on column writeback_values_lead.source_id is 'CRM record id of the lead/contact.';
comment on column writeback_values_lead.duplicate_of is 'CRM record id of the surviving lead of its cluster when this lead is a duplicate ("Duplicate lead found"); null otherwise.';

comment on view writeback_values_partner is 'Partner values written back onto the partner account/company: tier and quadrant.';
comment on column writeback_values_partner.source_system is 'CRM of the partner record.';
comment on column writeback_values_partner.source_id is 'CRM record id of the partner account/company.';
comment on column writeback_values_partner.tier is 'Computed tier (PLATINUM, GOLD, SILVER, BRONZE).';
comment on column writeback_values_partner.quadrant is 'Computed quadrant (KEY_PARTNER, UNPOLISHED_DIAMOND, GROWTH_HACKER, DEMENTOR).';

comment on view writeback_errors is 'Write-backs the CRM refused for good: record, field, value and the CRM message. Cleared by a later successful write of the record.';
comment on column writeback_errors.outbox_id is 'Outbox entry that failed.';
comment on column writeback_errors.target is 'Model table of the record.';
comment on column writeback_errors.source_system is 'CRM that refused the write.';
comment on column writeback_errors.crm_object is 'CRM object written to.';
comment on column writeback_errors.record_id is 'CRM record id.';
comment on column writeback_errors.field is 'CRM field.';
comment on column writeback_errors.value is 'Value we tried to write.';
comment on column writeback_errors.error_code is 'CRM error code (statusCode, category or HTTP status).';
comment on column writeback_errors.message is 'CRM error message.';
comment on column writeback_errors.failed_at is 'When the failure was recorded.';
