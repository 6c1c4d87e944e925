-- Why a row is soft-deleted and since when: 'deleted' (the CRM reported it deleted or archived) or 'purged' (the CRM
-- no longer has it at all: hard delete, emptied recycle bin, GDPR delete), found by reconciliation.
alter table partner add column deleted_reason text check (deleted_reason in ('deleted', 'purged')), add column deleted_at timestamptz;
alter table account add column deleted_reason text check (deleted_reason in ('deleted', 'purged')), add column deleted_at timestamptz;
alter table opportunity add column deleted_reason text check (deleted_reason in ('deleted', 'purged')), add column deleted_at timestamptz;
alter table activity add column deleted_reason text check (deleted_reason in ('deleted', 'purged')), add column deleted_at timestamptz;
alter table lead add column deleted_reason text check (deleted_reason in ('deleted', 'purged')), add column deleted_at timestamptz;
alter table deal_registration add column deleted_reason text check (deleted_reason in ('deleted', 'purged')), add column deleted_at timestamptz;
update partner set deleted_reason = 'deleted' where deleted;
update account set deleted_reason = 'deleted' where deleted;
update opportunity set deleted_reason = 'deleted' where deleted;
update activity set deleted_reason = 'deleted' where deleted;
update lead set deleted_reason = 'deleted' where deleted;
update deal_registration set deleted_reason = 'deleted' where deleted;

-- A reconcile run's table, per object.
alter table sync_run_object
    add column crm_live       integer,
    add column warehouse_live integer,
    add column missing        integer,
    add column extra          integer,
    add column fixed          integer;

comment on column partner.deleted_reason is 'Why the row is soft-deleted: deleted (the CRM said so) or purged (gone from the CRM, found by reconcile).';
comment on column partner.deleted_at is 'When the row was soft-deleted (the CRM''s deletion time when it reports one).';
comment on column account.deleted_reason is 'Why the row is soft-deleted: deleted (the CRM said so) or purged (gone from the CRM, found by reconcile).';
comment on column account.deleted_at is 'When the row was soft-deleted (the CRM''s deletion time when it reports one).';
comment on column opportunity.deleted_reason is 'Why the row is soft-deleted: deleted (the CRM said so) or purged (gone from the CRM, found by reconcile).';
comment on column opportunity.deleted_at is 'When the row was soft-deleted (the CRM''s deletion time when it reports one).';
comment on column activity.deleted_reason is 'Why the row is soft-deleted: deleted (the CRM said so) or purged (gone from the CRM, found by reconcile).';
comment on column activity.deleted_at is 'When the row was soft-deleted (the CRM''s deletion time when it reports one).';
comment on column lead.deleted_reason is 'Why the row is soft-deleted: deleted (the CRM said so) or purged (gone from the CRM, found by reconcile).';
comment on column lead.deleted_at is 'When the row was soft-deleted (the CRM''s deletion time when it reports one).';
comment on column deal_registration.deleted_reason is 'Why the row is soft-deleted: deleted (the CRM said so) or purged (gone from the CRM, found by reconcile).';
comment on column deal_registration.deleted_at is 'When the row was soft-deleted (the CRM''s deletion time when it reports one).';
comment on column sync_run_object.crm_live is 'reconcile: records the CRM has (live).';
comment on column sync_run_object.warehouse_live is 'reconcile: rows live in the warehouse before the run.';
comment on column sync_run_object.missing is 'reconcile: in the CRM, not live in the warehouse.';
comment on column sync_run_object.extra is 'reconcile: live in the warehouse, gone from the CRM (purged).';
comment on column sync_run_object.fixed is 'reconcile: extra rows soft-deleted plus missing records loaded.';
