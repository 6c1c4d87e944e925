-- Documentation for analysts: every table and column of the shared model, readable with \d+ in psql or in any BI tool.

-- lineage columns, the same on every synced table
do $$
declare t text;
begin
    foreach t in array array ['partner', 'account', 'opportunity', 'activity', 'lead', 'deal_registration'] loop
        execute format('comment on column %I.id is %L', t, 'Warehouse surrogate key (stable while the CRM record exists).');
        execute format('comment on column %I.source_system is %L', t, 'CRM the row came from: salesforce or hubspot.');
        execute format('comment on column %I.source_id is %L', t, 'Record id in that CRM (Salesforce 18-char Id, HubSpot object id). Unique with source_system.');
        execute format('comment on column %I.source_modified_at is %L', t, 'Last modification time in the CRM (Salesforce SystemModstamp, HubSpot hs_lastmodifieddate).');
        execute format('comment on column %I.synced_at is %L', t, 'When partner-sync last changed this row; unchanged re-reads do not move it.');
        execute format('comment on column %I.deleted is %L', t, 'True when the CRM reports the record deleted (Salesforce IsDeleted) or archived (HubSpot); the row is kept.');
        execute format('comment on column %I.raw is %L', t, 'The CRM record exactly as last read (JSON), so a mapping change can be replayed without re-reading the CRM.');
    end loop;
end $$;

comment on table partner is 'Partners of the program (seeds 000, 002, 004): CRM accounts/companies marked as partners. One row per partner record per CRM.';
comment on column partner.partner_id is 'Program-wide partner identifier, the key other tables use (account.partner_id, opportunity.partner_id, ...).';
comment on column partner.name is 'Partner company name.';
comment on column partner.partner_type is 'advocate, referral, affiliate (incl. marketing), strategic (incl. co-marketing), integration (incl. ISV), reseller, services, msp, marketplace, white_label.';
comment on column partner.program is 'Partner program the partner belongs to; rule thresholds are configured per program.';
comment on column partner.market_relevance is 'Market relevance score from the CRM (market presence / size), one axis of the partner quadrant.';
comment on column partner.tier is 'Current tier by partner-sourced revenue percentile: PLATINUM top 5%, GOLD top 15%, SILVER top 30%, BRONZE the rest. Computed by partner-sync.';
comment on column partner.quadrant is 'Current quadrant (leads delivered x market relevance): KEY_PARTNER, UNPOLISHED_DIAMOND, GROWTH_HACKER, DEMENTOR. Computed by partner-sync.';

comment on table account is 'Customer and prospect accounts (Salesforce Account, HubSpot company) with the seed-002 partner fields.';
comment on column account.name is 'Account name.';
comment on column account.website is 'Website as entered in the CRM.';
comment on column account.domain is 'Normalized company domain (lower case, no www., no path): the key deal registrations and leads match on.';
comment on column account.partner_id is 'Partner associated with the account, if any.';
comment on column account.partner_type is 'Type of that partner (same values as partner.partner_type).';
comment on column account.overlap_reason is 'Why the account overlaps with a partner (seed 002).';
comment on column account.integration_present is 'Whether a partner integration is in use at the account (Y/N).';
comment on column account.region is 'Sales region.';
comment on column account.segment is 'Customer segment (e.g. SMB, Mid-Market, Enterprise).';
comment on column account.industry is 'Industry.';
comment on column account.employee_count is 'Number of employees.';
comment on column account.annual_revenue is 'Annual revenue of the account, in the CRM currency.';

comment on table opportunity is 'Opportunities / deals (Salesforce Opportunity, HubSpot deal) with the seed-002 partner fields.';
comment on column opportunity.name is 'Opportunity name.';
comment on column opportunity.account_source_id is 'CRM id of the account (join account on source_system and source_id).';
comment on column opportunity.contact_source_ids is 'CRM ids of associated contacts (HubSpot deal associations).';
comment on column opportunity.stage is 'Sales stage as named in the CRM.';
comment on column opportunity.amount is 'Deal amount.';
comment on column opportunity.currency is 'ISO currency code when the CRM reports one.';
comment on column opportunity.is_closed is 'True once the deal is closed (won or lost).';
comment on column opportunity.is_won is 'True when the deal is closed won.';
comment on column opportunity.created_date is 'Date the opportunity was created.';
comment on column opportunity.close_date is 'Actual or planned close date.';
comment on column opportunity.source is 'Where the deal came from as recorded in the CRM: direct, partner, paid, marketplace.';
comment on column opportunity.paid_channel is 'Paid channel (campaign/UTM source) for paid deals; input to the paid attribution rule.';
comment on column opportunity.fraud_flag is 'Marked as fraud / forbidden traffic: excluded from attribution.';
comment on column opportunity.influence is 'A partner influenced the deal (Y/N).';
comment on column opportunity.influence_partner_id is 'Partner that influenced the deal.';
comment on column opportunity.partner_id is 'Partner recorded on the deal in the CRM.';
comment on column opportunity.deal_reg_id is 'Deal registration backing the deal (deal_registration.deal_reg_id).';
comment on column opportunity.co_sell is 'Co-sell deal with a partner (Y/N).';
comment on column opportunity.private_offer is 'Sold through a marketplace private offer (Y/N).';
comment on column opportunity.marketplace is 'Procured through a cloud marketplace (Y/N).';
comment on column opportunity.offer_id is 'Marketplace offer / listing id.';
comment on column opportunity.expected_close_date is 'Expected close date agreed with the partner.';
comment on column opportunity.product_mix is 'Products in the deal.';
comment on column opportunity.discount is 'Discount as a fraction (0.15 = 15%).';
comment on column opportunity.take_rate is 'Partner/marketplace take rate as a fraction (0.03 = 3%).';

comment on table activity is 'Meetings, calls, tasks and e-mails (Salesforce Event/Task, HubSpot meetings/calls) with the seed-002 activity fields.';
comment on column activity.activity_type is 'meeting, call, task, email, note or other.';
comment on column activity.subject is 'Subject / title.';
comment on column activity.occurred_at is 'When it took place (meetings and calls).';
comment on column activity.activity_date is 'Date it took place or is due.';
comment on column activity.account_source_id is 'CRM id of the related account.';
comment on column activity.opportunity_source_id is 'CRM id of the related opportunity.';
comment on column activity.partner_id is 'Partner that took part, if any.';
comment on column activity.joint_meeting is 'A joint meeting with a partner (Y/N).';
comment on column activity.meeting_count is 'Number of meetings this record stands for (usually 1).';
comment on column activity.next_step_date is 'Date of the agreed next step.';
comment on column activity.owner_functions is 'Functions involved: any of AE, SE, CSM, PartnerAE.';

comment on table lead is 'People: Salesforce leads and contacts, HubSpot contacts and partner lead submissions (seed 004), input to lead deduplication.';
comment on column lead.record_kind is 'lead, contact, or submission (a partner''s lead submission).';
comment on column lead.first_name is 'First name.';
comment on column lead.last_name is 'Last name.';
comment on column lead.email is 'E-mail as entered.';
comment on column lead.phone is 'Phone as entered.';
comment on column lead.title is 'Job title.';
comment on column lead.company is 'Company name.';
comment on column lead.company_domain is 'Normalized company domain from the website or a non-free-mail e-mail.';
comment on column lead.website is 'Company website as entered.';
comment on column lead.street is 'Street address.';
comment on column lead.city is 'City.';
comment on column lead.postcode is 'Postal code.';
comment on column lead.state is 'State / region.';
comment on column lead.country is 'Country.';
comment on column lead.status is 'Lead status in the CRM.';
comment on column lead.lead_source is 'Lead source in the CRM.';
comment on column lead.sales_motion is 'Partner sales motion (seed 004): link_share, lead_submission, lead_pass.';
comment on column lead.submitted_by_partner_id is 'Partner that submitted or referred the lead.';
comment on column lead.submitted_at is 'When the partner submitted it (first submitter keeps the credit).';
comment on column lead.created_at is 'When the record was created in the CRM.';
comment on column lead.account_source_id is 'CRM id of the account/company the person belongs to.';

comment on table deal_registration is 'Partner deal registrations (Salesforce Deal_Registration__c) and their computed status (seed 002 golden rules).';
comment on column deal_registration.deal_reg_id is 'Registration number, referenced by opportunity.deal_reg_id.';
comment on column deal_registration.partner_id is 'Registering partner.';
comment on column deal_registration.program is 'Partner program whose rules apply (validity days, meeting gap, protection window, required fields).';
comment on column deal_registration.account_name is 'Registered account name.';
comment on column deal_registration.account_url is 'Registered account URL (required).';
comment on column deal_registration.account_domain is 'Normalized domain of account_url: registrations on the same domain compete.';
comment on column deal_registration.account_source_id is 'CRM id of the registered account, when linked.';
comment on column deal_registration.opportunity_source_id is 'CRM id of the opportunity it backs, when linked.';
comment on column deal_registration.buyer_role is 'Role of the buyer (required).';
comment on column deal_registration.problem_statement is 'Customer problem the deal solves (required).';
comment on column deal_registration.next_meeting_date is 'Next meeting date (required).';
comment on column deal_registration.submitted_at is 'When the partner submitted the registration.';
comment on column deal_registration.approved_at is 'When it was approved; the validity window counts from here.';
comment on column deal_registration.crm_status is 'Approval state as recorded in the CRM: submitted, approved, rejected.';
comment on column deal_registration.status is 'Status computed by partner-sync: SUBMITTED, APPROVED, EXPIRED, INVALID, CONFLICT, REJECTED.';
comment on column deal_registration.status_reason is 'Why it has that status (e.g. the missing required fields, the end of the validity window).';
comment on column deal_registration.expires_at is 'When the registration expires unless a rule expires it earlier.';
comment on column deal_registration.next_check_at is 'When the no-meeting rule next needs a meeting by.';

comment on table deal_registration_status_history is 'Every status change of a deal registration, with the rule that made it.';
comment on column deal_registration_status_history.id is 'Surrogate key.';
comment on column deal_registration_status_history.deal_registration_id is 'deal_registration.id.';
comment on column deal_registration_status_history.old_status is 'Status before (null for the first status).';
comment on column deal_registration_status_history.new_status is 'Status after.';
comment on column deal_registration_status_history.reason is 'Reason for the change.';
comment on column deal_registration_status_history.decided_by is 'Rule (or person) that decided.';
comment on column deal_registration_status_history.changed_at is 'When the change was recorded.';

comment on table sync_checkpoint is 'Where each object''s incremental sync stands; saved in the same transaction as the page it ends.';
comment on column sync_checkpoint.source_system is 'salesforce or hubspot.';
comment on column sync_checkpoint.object is 'CRM object (Opportunity, deals, ...).';
comment on column sync_checkpoint.last_modified_at is 'Modification time of the last committed record.';
comment on column sync_checkpoint.last_id is 'Id of the last committed record (tie-break among equal modification times).';
comment on column sync_checkpoint.updated_at is 'When the checkpoint last moved.';

comment on table sync_run is 'One row per sync cycle or command.';
comment on column sync_run.id is 'Run id, referenced by sync_run_object and sync_error.';
comment on column sync_run.command is 'What started it (scheduled, sync, sandbox, ...).';
comment on column sync_run.started_at is 'Start time.';
comment on column sync_run.ended_at is 'End time (null while running or after a crash).';
comment on column sync_run.status is 'RUNNING, SUCCEEDED, FAILED, PAUSED_LIMIT (stopped to keep within a CRM API budget), PARTIAL.';

comment on table sync_run_object is 'Per run and CRM object: what the sync read and changed.';
comment on column sync_run_object.run_id is 'sync_run.id.';
comment on column sync_run_object.source_system is 'salesforce or hubspot.';
comment on column sync_run_object.object is 'CRM object.';
comment on column sync_run_object.status is 'SUCCEEDED, FAILED, PAUSED_LIMIT or SKIPPED.';
comment on column sync_run_object.read_count is 'Records read from the CRM.';
comment on column sync_run_object.inserted is 'Rows inserted.';
comment on column sync_run_object.updated is 'Rows whose values changed.';
comment on column sync_run_object.deleted is 'Rows soft-deleted.';
comment on column sync_run_object.errors is 'Records that went to sync_error.';
comment on column sync_run_object.api_calls is 'CRM API calls made.';
comment on column sync_run_object.seconds is 'Wall-clock seconds.';
comment on column sync_run_object.message is 'Why it failed or paused, if it did.';

comment on table sync_error is 'Every record (or field) that could not be loaded, with the raw payload: nothing is dropped silently.';
comment on column sync_error.id is 'Surrogate key.';
comment on column sync_error.run_id is 'sync_run.id of the run that met it.';
comment on column sync_error.source_system is 'salesforce or hubspot.';
comment on column sync_error.object is 'CRM object.';
comment on column sync_error.record_id is 'CRM id of the record.';
comment on column sync_error.field is 'CRM field and model column that failed, e.g. CloseDate -> close_date.';
comment on column sync_error.message is 'What was wrong, with the offending value.';
comment on column sync_error.raw is 'The record as received.';
comment on column sync_error.created_at is 'When the error was recorded.';
