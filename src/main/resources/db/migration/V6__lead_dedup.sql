-- Lead deduplication (issue 6, SPEC "Lead deduplication", seeds 002 and 004).
-- Clusters are transitive groups of leads that are the same person; one survivor per cluster, the others point at it.
-- Cluster ids never change once assigned (a new lead joins the existing cluster; when a new lead bridges two
-- clusters the older cluster id is kept and the younger is marked merged), so analysts and the write-back can key on them.

create table lead_cluster (
    id                     bigserial primary key,
    survivor_lead_id       bigint,
    credited_partner_id    text,
    member_count           integer     not null default 1,
    merged_into_cluster_id bigint references lead_cluster (id),
    created_at             timestamptz not null default now(),
    updated_at             timestamptz not null default now()
);

alter table lead
    add column cluster_id           bigint references lead_cluster (id),
    add column duplicate_of_lead_id bigint references lead (id),
    add column is_survivor          boolean,
    add column credited_partner_id  text,
    add column dedup_checked_at     timestamptz;

alter table lead_cluster
    add constraint lead_cluster_survivor_fk foreign key (survivor_lead_id) references lead (id);

create index lead_cluster_id on lead (cluster_id);
create index lead_duplicate_of on lead (duplicate_of_lead_id);

-- Normalized match keys of every lead, so an incremental run finds candidates for the changed leads
-- with an index lookup instead of re-reading the whole lead table.
create table lead_match_key (
    lead_id  bigint not null references lead (id) on delete cascade,
    key_type text   not null,
    key      text   not null,
    primary key (lead_id, key_type, key)
);
create index lead_match_key_lookup on lead_match_key (key_type, key);

create table lead_duplicate_event (
    id                   bigserial primary key,
    event_type           text         not null default 'Duplicate lead found',
    lead_id              bigint       not null references lead (id),
    duplicate_of_lead_id bigint       not null references lead (id),
    cluster_id           bigint       not null references lead_cluster (id),
    rule                 text         not null,
    score                numeric(5, 4) not null,
    found_at             timestamptz  not null default now(),
    unique (lead_id, duplicate_of_lead_id)
);
create index lead_duplicate_event_cluster on lead_duplicate_event (cluster_id);
create index lead_duplicate_event_found on lead_duplicate_event (found_at);

comment on table lead_cluster is 'A group of lead rows (any CRM, any record kind) that are the same person, found by lead deduplication. One row per cluster; ids are stable.';
comment on column lead_cluster.id is 'Stable cluster id (lead.cluster_id). Never renumbered; a lead that joins later gets the existing id.';
comment on column lead_cluster.survivor_lead_id is 'The surviving (golden) lead: the earliest partner submission, else the earliest created record, ties by lowest lead.id (docs/dedup.md).';
comment on column lead_cluster.credited_partner_id is 'Partner credited for the person: the partner whose submission came first (submitted_at, then lead.id). Null when no partner submitted it.';
comment on column lead_cluster.member_count is 'Number of live (not deleted) leads in the cluster.';
comment on column lead_cluster.merged_into_cluster_id is 'Set when a later lead proved this cluster to be the same person as an older cluster: its members moved to that cluster.';
comment on column lead_cluster.created_at is 'When the cluster was first formed.';
comment on column lead_cluster.updated_at is 'When membership, survivor or credit last changed.';

comment on column lead.cluster_id is 'Dedup cluster (lead_cluster.id) the lead belongs to; every checked lead has one, a singleton cluster when it has no duplicate.';
comment on column lead.duplicate_of_lead_id is 'The surviving lead this row duplicates; null on the survivor and on leads without duplicates.';
comment on column lead.is_survivor is 'True for the surviving (golden) record of its cluster, false for duplicates, null until dedup has checked the lead.';
comment on column lead.credited_partner_id is 'Partner credited for this person (the first partner to submit anyone in the cluster), copied from lead_cluster.';
comment on column lead.dedup_checked_at is 'When dedup last checked this lead; a lead whose synced_at is later (the sync changed it) is re-checked by the next incremental run.';

comment on table lead_match_key is 'Normalized match keys per lead (email, E.164 phone, company domain, phonetic name + postcode blocks) used to find duplicate candidates.';
comment on column lead_match_key.lead_id is 'The lead (lead.id).';
comment on column lead_match_key.key_type is 'Kind of key: email, phone (exact-match keys) or a blocking key name (domain_name, name_postcode, ...).';
comment on column lead_match_key.key is 'The normalized key value.';

comment on table lead_duplicate_event is 'One row per duplicate found ("Duplicate lead found", seed 004): which lead duplicates which, why; the write-back sends these to the CRM.';
comment on column lead_duplicate_event.id is 'Event id.';
comment on column lead_duplicate_event.event_type is 'Always ''Duplicate lead found'' (the seed-004 lead submission event).';
comment on column lead_duplicate_event.lead_id is 'The lead found to be a duplicate (lead.id).';
comment on column lead_duplicate_event.duplicate_of_lead_id is 'The surviving lead it duplicates (lead.id) at the time it was found.';
comment on column lead_duplicate_event.cluster_id is 'Cluster both belong to (lead_cluster.id).';
comment on column lead_duplicate_event.rule is 'How the match was made: email, phone (exact normalized keys) or score (weighted string similarity over blocked candidates).';
comment on column lead_duplicate_event.score is 'Match score 0..1 of the link that put the lead in the cluster (1 for exact keys).';
comment on column lead_duplicate_event.found_at is 'When dedup found the duplicate.';
