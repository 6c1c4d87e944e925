-- Hand-built partner program for the rules and analyst-view tests; "today" in those tests is 2026-03-16 (Q1 2026).
insert into partner (source_system, source_id, partner_id, name, partner_type, program, market_relevance) values
    ('salesforce', '001P1', 'P1', 'Northwind Consulting', 'services', 'core', 80),
    ('salesforce', '001P2', 'P2', 'Contoso Resellers', 'reseller', 'core', 20),
    ('hubspot', '9003', 'P3', 'Fabrikam Apps', 'integration', 'core', 60),
    ('salesforce', '001MK', 'MKT', 'Cloud Marketplace', 'marketplace', 'core', 10);

insert into account (source_system, source_id, name, website, domain, segment) values
    ('salesforce', '001A1', 'Acme Corp', 'https://www.acme.com', 'acme.com', 'Enterprise'),
    ('salesforce', '001A2', 'Globex', 'globex.com', 'globex.com', 'Mid-Market'),
    ('salesforce', '001A3', 'Initech', 'http://initech.com/about', 'initech.com', 'SMB'),
    -- the same company in HubSpot: its activities count for registrations on acme.com
    ('hubspot', '501', 'ACME', 'acme.com', 'acme.com', 'Enterprise');

insert into deal_registration (source_system, source_id, deal_reg_id, partner_id, program, account_name, account_url,
                               account_domain, account_source_id, buyer_role, problem_statement, next_meeting_date,
                               submitted_at, approved_at, crm_status) values
    -- R1: approved, meetings keep it alive
    ('salesforce', 'a0R1', 'DR-1', 'P1', 'core', 'Acme Corp', 'https://acme.com', 'acme.com', '001A1', 'CFO',
     'slow invoicing', '2026-03-20', '2026-02-01 09:00Z', '2026-02-02 09:00Z', 'approved'),
    -- R2: a second partner on the same account 14 days later: CONFLICT; P1 called Acme before, so first touch
    ('salesforce', 'a0R2', 'DR-2', 'P2', 'core', 'ACME', 'https://www.ACME.com/contact', null, null, 'CTO',
     'legacy ERP', '2026-03-01', '2026-02-15 09:00Z', null, 'submitted'),
    -- R3: no buyer role
    ('salesforce', 'a0R3', 'DR-3', 'P3', 'core', 'Globex', 'https://globex.com', 'globex.com', '001A2', null,
     'churn', '2026-03-25', '2026-03-01 09:00Z', null, 'submitted'),
    -- R4: approved 2025-11-02 with regular meetings: the 90-day window ended 2026-01-31
    ('salesforce', 'a0R4', 'DR-4', 'P2', 'core', 'Initech', 'http://initech.com', 'initech.com', '001A3', 'COO',
     'reporting', '2025-11-20', '2025-11-01 09:00Z', '2025-11-02 09:00Z', 'approved'),
    -- R5: waiting for approval
    ('hubspot', '7005', 'DR-5', 'P3', 'core', 'Hooli', 'hooli.com', 'hooli.com', null, 'CEO',
     'search', '2026-03-30', '2026-03-10 09:00Z', null, 'submitted');

insert into activity (source_system, source_id, activity_type, subject, occurred_at, account_source_id,
                      opportunity_source_id, partner_id, joint_meeting, next_step_date) values
    ('salesforce', '00T1', 'call', 'Discovery call', '2026-01-20 15:00Z', '001A1', null, 'P1', false, null),
    ('salesforce', '00U1', 'meeting', 'Kick-off', '2026-02-20 15:00Z', '001A1', '006O1', 'P1', false, null),
    ('hubspot', '8001', 'meeting', 'Joint demo', '2026-03-10 15:00Z', '501', null, 'P1', false, null),
    ('salesforce', '00U2', 'meeting', 'Joint workshop', '2026-03-05 15:00Z', '001A1', '006O1', 'P3', true, '2026-03-18'),
    ('salesforce', '00U3', 'meeting', 'Initech 1', '2025-11-20 15:00Z', '001A3', null, 'P2', false, null),
    ('salesforce', '00U4', 'meeting', 'Initech 2', '2025-12-10 15:00Z', '001A3', null, 'P2', false, null),
    ('salesforce', '00U5', 'meeting', 'Initech 3', '2025-12-30 15:00Z', '001A3', null, 'P2', false, null),
    ('salesforce', '00U6', 'meeting', 'Initech 4', '2026-01-19 15:00Z', '001A3', null, 'P2', false, null);

insert into opportunity (source_system, source_id, name, account_source_id, stage, amount, is_closed, is_won,
                         created_date, close_date, source, paid_channel, fraud_flag, partner_id, deal_reg_id, co_sell,
                         marketplace, private_offer, discount, take_rate) values
    ('salesforce', '006O1', 'Acme platform', '001A1', 'Closed Won', 150000, true, true, '2026-02-05', '2026-03-01',
     'partner', null, false, 'P1', 'DR-1', true, false, false, 0.10, null),
    ('salesforce', '006O2', 'Bot signups', null, 'Prospecting', 1000, false, false, '2026-02-10', null,
     'paid', 'google_ads', true, null, null, false, false, false, null, null),
    ('salesforce', '006O3', 'Globex via marketplace', '001A2', 'Closed Won', 50000, true, true, '2026-01-15', '2026-02-20',
     'marketplace', null, false, 'MKT', null, false, true, true, null, 0.03),
    ('salesforce', '006O4', 'Globex ads', '001A2', 'Negotiation', 30000, false, false, '2026-03-01', null,
     'paid', 'google_ads', false, null, null, false, false, false, null, null),
    ('salesforce', '006O5', 'Globex renewal', '001A2', 'Closed Won', 20000, true, true, '2025-12-01', '2026-01-20',
     'direct', null, false, null, null, false, false, false, null, null),
    ('salesforce', '006O6', 'Initech rollout', '001A3', 'Closed Won', 600000, true, true, '2026-01-10', '2026-02-15',
     'partner', null, false, 'P2', 'DR-4', false, false, false, 0.05, null),
    ('salesforce', '006O7', 'Initech add-on', '001A3', 'Closed Lost', 40000, true, false, '2026-02-10', '2026-03-05',
     'partner', null, false, 'P2', 'DR-4', false, false, false, null, null),
    -- open co-sell deal with P3 (influence only) on a marketplace private offer
    ('salesforce', '006O8', 'Globex expansion', '001A2', 'Negotiation', 80000, false, false, '2026-03-02', null,
     null, null, false, 'P3', null, true, false, true, null, null);

-- leads delivered in Q1 2026: P1 5, P2 4, P3 3, MKT 0 (median 3.5); one P1 lead of Q4 2025 does not count
insert into lead (source_system, source_id, record_kind, email, company, submitted_by_partner_id, submitted_at)
select 'hubspot', 'L' || p.partner_id || g, 'submission', lower(p.partner_id) || g || '@example.com', 'Lead Co',
       p.partner_id, timestamptz '2026-01-10 10:00Z' + g * interval '1 day'
from (values ('P1', 5), ('P2', 4), ('P3', 3)) as p(partner_id, n), generate_series(1, p.n) g;
insert into lead (source_system, source_id, record_kind, email, submitted_by_partner_id, submitted_at)
values ('hubspot', 'LOLD', 'submission', 'old@example.com', 'P1', '2025-12-20 10:00Z');

-- last quarter P1 was a DEMENTOR in BRONZE
insert into partner_segment_history (partner_id, quarter, program, leads_delivered, leads_threshold, market_relevance,
                                     relevance_threshold, quadrant, sourced_revenue, share_ranked_above, tier,
                                     commission_rate, computed_at)
values ('P1', '2025-10-01', 'core', 0, 2, 80, 40, 'DEMENTOR', 0, 0.5, 'BRONZE', 0.15, '2025-12-31 00:00Z');
