-- The shared partner data model (SPEC.md, seed 002 "Shared Data Model").
-- Every synced table carries the same lineage columns; (source_system, source_id) is the natural key.
-- Links between objects are stored as the CRM id of the other record (account_source_id, ...) because
-- objects are synced independently and in any order; join on (source_system, *_source_id).

create table partner (
    id                 bigserial primary key,
    source_system      text        not null check (source_system in ('salesforce', 'hubspot')),
    source_id          text        not null,
    source_modified_at timestamptz,
    synced_at          timestamptz not null default now(),
    deleted            boolean     not null default false,
    raw                jsonb,
    partner_id         text        not null,
    name               text,
    partner_type       text check (partner_type in ('advocate', 'referral', 'affiliate', 'strategic', 'integration',
                                                    'reseller', 'services', 'msp', 'marketplace', 'white_label')),
    program            text,
    market_relevance   numeric(18, 2),
    tier               text check (tier in ('PLATINUM', 'GOLD', 'SILVER', 'BRONZE')),
    quadrant           text check (quadrant in ('KEY_PARTNER', 'UNPOLISHED_DIAMOND', 'GROWTH_HACKER', 'DEMENTOR')),
    unique (source_system, source_id)
);
create index partner_partner_id on partner (partner_id);

create table account (
    id                  bigserial primary key,
    source_system       text        not null check (source_system in ('salesforce', 'hubspot')),
    source_id           text        not null,
    source_modified_at  timestamptz,
    synced_at           timestamptz not null default now(),
    deleted             boolean     not null default false,
    raw                 jsonb,
    name                text,
    website             text,
    domain              text,
    partner_id          text,
    partner_type        text check (partner_type in ('advocate', 'referral', 'affiliate', 'strategic', 'integration',
                                                     'reseller', 'services', 'msp', 'marketplace', 'white_label')),
    overlap_reason      text,
    integration_present boolean,
    region              text,
    segment             text,
    industry            text,
    employee_count      integer,
    annual_revenue      numeric(18, 2),
    unique (source_system, source_id)
);
create index account_domain on account (domain);
create index account_partner_id on account (partner_id);

create table opportunity (
    id                   bigserial primary key,
    source_system        text        not null check (source_system in ('salesforce', 'hubspot')),
    source_id            text        not null,
    source_modified_at   timestamptz,
    synced_at            timestamptz not null default now(),
    deleted              boolean     not null default false,
    raw                  jsonb,
    name                 text,
    account_source_id    text,
    contact_source_ids   text[],
    stage                text,
    amount               numeric(18, 2),
    currency             text,
    is_closed            boolean,
    is_won               boolean,
    created_date         date,
    close_date           date,
    source               text check (source in ('direct', 'partner', 'paid', 'marketplace')),
    paid_channel         text,
    fraud_flag           boolean,
    influence            boolean,
    influence_partner_id text,
    partner_id           text,
    deal_reg_id          text,
    co_sell              boolean,
    private_offer        boolean,
    marketplace          boolean,
    offer_id             text,
    expected_close_date  date,
    product_mix          text,
    discount             numeric(9, 6),
    take_rate            numeric(9, 6),
    unique (source_system, source_id)
);
create index opportunity_account on opportunity (source_system, account_source_id);
create index opportunity_deal_reg on opportunity (deal_reg_id);

create table activity (
    id                    bigserial primary key,
    source_system         text        not null check (source_system in ('salesforce', 'hubspot')),
    source_id             text        not null,
    source_modified_at    timestamptz,
    synced_at             timestamptz not null default now(),
    deleted               boolean     not null default false,
    raw                   jsonb,
    activity_type         text check (activity_type in ('meeting', 'call', 'task', 'email', 'note', 'other')),
    subject               text,
    occurred_at           timestamptz,
    activity_date         date,
    account_source_id     text,
    opportunity_source_id text,
    partner_id            text,
    joint_meeting         boolean,
    meeting_count         integer,
    next_step_date        date,
    owner_functions       text[] check (owner_functions <@ array ['AE', 'SE', 'CSM', 'PartnerAE']),
    unique (source_system, source_id)
);
create index activity_account on activity (source_system, account_source_id);
create index activity_opportunity on activity (source_system, opportunity_source_id);

create table lead (
    id                      bigserial primary key,
    source_system           text        not null check (source_system in ('salesforce', 'hubspot')),
    source_id               text        not null,
    source_modified_at      timestamptz,
    synced_at               timestamptz not null default now(),
    deleted                 boolean     not null default false,
    raw                     jsonb,
    record_kind             text        not null default 'lead' check (record_kind in ('lead', 'contact', 'submission')),
    first_name              text,
    last_name               text,
    email                   text,
    phone                   text,
    title                   text,
    company                 text,
    company_domain          text,
    website                 text,
    street                  text,
    city                    text,
    postcode                text,
    state                   text,
    country                 text,
    status                  text,
    lead_source             text,
    sales_motion            text check (sales_motion in ('link_share', 'lead_submission', 'lead_pass')),
    submitted_by_partner_id text,
    submitted_at            timestamptz,
    created_at              timestamptz,
    account_source_id       text,
    unique (source_system, source_id)
);
create index lead_email on lead (lower(email));
create index lead_partner on lead (submitted_by_partner_id);

create table deal_registration (
    id                 bigserial primary key,
    source_system      text        not null check (source_system in ('salesforce', 'hubspot')),
    source_id          text        not null,
    source_modified_at timestamptz,
    synced_at          timestamptz not null default now(),
    deleted            boolean     not null default false,
    raw                jsonb,
    deal_reg_id        text,
    partner_id         text,
    program            text,
    account_name       text,
    account_url        text,
    account_domain     text,
    account_source_id  text,
    opportunity_source_id text,
    buyer_role         text,
    problem_statement  text,
    next_meeting_date  date,
    submitted_at       timestamptz,
    approved_at        timestamptz,
    crm_status         text check (crm_status in ('submitted', 'approved', 'rejected')),
    status             text check (status in ('SUBMITTED', 'APPROVED', 'EXPIRED', 'INVALID', 'CONFLICT', 'REJECTED')),
    status_reason      text,
    expires_at         timestamptz,
    next_check_at      timestamptz,
    unique (source_system, source_id)
);
create index deal_registration_domain on deal_registration (account_domain);
create index deal_registration_partner on deal_registration (partner_id);

create table deal_registration_status_history (
    id                   bigserial primary key,
    deal_registration_id bigint      not null references deal_registration (id),
    old_status           text,
    new_status           text        not null,
    reason               text,
    decided_by           text        not null,
    changed_at           timestamptz not null default now()
);
create index deal_registration_status_history_reg on deal_registration_status_history (deal_registration_id);

-- Operational tables: where each object's sync stands, what each run did, and every record it could not load.

create table sync_checkpoint (
    source_system    text        not null,
    object           text        not null,
    last_modified_at timestamptz not null,
    last_id          text        not null,
    updated_at       timestamptz not null default now(),
    primary key (source_system, object)
);

create table sync_run (
    id         bigserial primary key,
    command    text        not null,
    started_at timestamptz not null default now(),
    ended_at   timestamptz,
    status     text        not null default 'RUNNING'
        check (status in ('RUNNING', 'SUCCEEDED', 'FAILED', 'PAUSED_LIMIT', 'PARTIAL'))
);

create table sync_run_object (
    run_id        bigint  not null references sync_run (id),
    source_system text    not null,
    object        text    not null,
    status        text    not null check (status in ('SUCCEEDED', 'FAILED', 'PAUSED_LIMIT', 'SKIPPED')),
    read_count    integer not null default 0,
    inserted      integer not null default 0,
    updated       integer not null default 0,
    deleted       integer not null default 0,
    errors        integer not null default 0,
    api_calls     integer not null default 0,
    seconds       numeric(12, 3),
    message       text,
    primary key (run_id, source_system, object)
);

create table sync_error (
    id            bigserial primary key,
    run_id        bigint references sync_run (id),
    source_system text        not null,
    object        text        not null,
    record_id     text,
    field         text,
    message       text        not null,
    raw           jsonb,
    created_at    timestamptz not null default now()
);
create index sync_error_run on sync_error (run_id);
create index sync_error_record on sync_error (source_system, object, record_id);
