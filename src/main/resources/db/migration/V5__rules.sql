-- Partner-program rules (issue 5): what the rules compute, kept beside the synced model so analysts and write-back read it.
-- Every table here is rewritten only where a computed value changes, so re-running the rules on unchanged data is a no-op.

-- seed 002 "Deal-Reg Acceptance" text, computed by the rules and written back to the CRM by write-back
alter table deal_registration add column acceptance_text text;
comment on column deal_registration.acceptance_text is
    'Seed-002 acceptance text for an APPROVED registration ("Approved through <date> for <account> on <problem>. Next step: meeting on <date>."); null otherwise. Computed by partner-sync, written back to the CRM.';

-- Credit on a conflicting registration: first-touch (one row for the first partner) when it evidences discovery,
-- otherwise an equal split (one row per partner), as seed 003 "Split credit and commission" asks.
create table deal_registration_credit (
    conflict_registration_id bigint        not null references deal_registration (id),
    deal_registration_id     bigint        not null references deal_registration (id),
    partner_id               text          not null,
    credit_share             numeric(5, 4) not null check (credit_share > 0 and credit_share <= 1),
    rule                     text          not null check (rule in ('first_touch', 'split')),
    reason                   text,
    computed_at              timestamptz   not null,
    primary key (conflict_registration_id, deal_registration_id)
);
comment on table deal_registration_credit is
    'Who gets credit when two partners register the same account (normalized domain) within the protection window: one first_touch row, or one split row per partner.';
comment on column deal_registration_credit.conflict_registration_id is 'The registration in CONFLICT (deal_registration.id) whose competition this credit settles.';
comment on column deal_registration_credit.deal_registration_id is 'Registration credited (deal_registration.id): the first one, or either of the two on a split.';
comment on column deal_registration_credit.partner_id is 'Partner credited (the partner of deal_registration_id).';
comment on column deal_registration_credit.credit_share is 'Share of the credit, 1.0 for first touch, 0.5 each on a split.';
comment on column deal_registration_credit.rule is 'first_touch: the first partner evidenced discovery before the competing registration; split: it did not.';
comment on column deal_registration_credit.reason is 'The evidence (or its absence) in words.';
comment on column deal_registration_credit.computed_at is 'When partner-sync last changed this row.';

-- Seed-002 attribution table, one decision per opportunity.
create table opportunity_attribution (
    opportunity_id bigint primary key references opportunity (id),
    source         text        not null check (source in ('excluded', 'marketplace', 'partner', 'paid', 'direct')),
    partner_id     text,
    rule           text        not null,
    computed_at    timestamptz not null
);
comment on table opportunity_attribution is
    'Attribution of every live opportunity by the seed-002 priority table: fraud excluded > marketplace override > partner-sourced (valid deal registration) > paid > direct.';
comment on column opportunity_attribution.opportunity_id is 'opportunity.id.';
comment on column opportunity_attribution.source is 'excluded (fraud/forbidden traffic), marketplace, partner (sourced by a valid deal registration), paid or direct.';
comment on column opportunity_attribution.partner_id is 'Partner credited with sourcing (partner, marketplace); null otherwise.';
comment on column opportunity_attribution.rule is 'The rule that decided, e.g. fraud_excluded, marketplace_override, deal_registration:<deal_reg_id>, paid_channel:<channel>, direct.';
comment on column opportunity_attribution.computed_at is 'When partner-sync last changed this row.';

-- Partners involved without sourcing (seed 002 "influence (Y/N + partner_id)").
create table opportunity_influence (
    opportunity_id bigint      not null references opportunity (id),
    partner_id     text        not null,
    reasons        text[]      not null,
    computed_at    timestamptz not null,
    primary key (opportunity_id, partner_id)
);
comment on table opportunity_influence is 'Influence credit: one row per opportunity and partner that took part (joint meeting, co-sell, influence flag) without being credited with sourcing it.';
comment on column opportunity_influence.opportunity_id is 'opportunity.id.';
comment on column opportunity_influence.partner_id is 'Influencing partner.';
comment on column opportunity_influence.reasons is 'Why: joint_meeting (an activity marked joint on the opportunity), co_sell (co-sell flag), influence_flag (opportunity.influence_partner_id).';
comment on column opportunity_influence.computed_at is 'When partner-sync last changed this row.';

-- Quadrant (seed 001) and tier/commission (seed 003) per partner per quarter; partner.quadrant/tier hold the current quarter.
create table partner_segment_history (
    partner_id          text          not null,
    quarter             date          not null,
    program             text,
    leads_delivered     integer       not null,
    leads_threshold     numeric(18, 2) not null,
    market_relevance    numeric(18, 2),
    relevance_threshold numeric(18, 2),
    quadrant            text          not null check (quadrant in ('KEY_PARTNER', 'UNPOLISHED_DIAMOND', 'GROWTH_HACKER', 'DEMENTOR')),
    previous_quadrant   text check (previous_quadrant in ('KEY_PARTNER', 'UNPOLISHED_DIAMOND', 'GROWTH_HACKER', 'DEMENTOR')),
    sourced_revenue     numeric(18, 2) not null,
    share_ranked_above  numeric(7, 6) not null,
    tier                text          not null check (tier in ('PLATINUM', 'GOLD', 'SILVER', 'BRONZE')),
    previous_tier       text check (previous_tier in ('PLATINUM', 'GOLD', 'SILVER', 'BRONZE')),
    commission_rate     numeric(5, 4) not null,
    computed_at         timestamptz   not null,
    primary key (partner_id, quarter)
);
comment on table partner_segment_history is
    'Partner quadrant and tier per calendar quarter; rows of past quarters keep their last values, so moves between quarters are queryable (quadrant <> previous_quadrant).';
comment on column partner_segment_history.partner_id is 'partner.partner_id.';
comment on column partner_segment_history.quarter is 'First day of the calendar quarter (UTC).';
comment on column partner_segment_history.program is 'Partner program whose thresholds applied.';
comment on column partner_segment_history.leads_delivered is 'Leads the partner submitted in the quarter (lead.submitted_by_partner_id, by submitted_at or created_at).';
comment on column partner_segment_history.leads_threshold is 'Leads needed for "many leads": configured per program, by default the median over the program''s partners that quarter.';
comment on column partner_segment_history.market_relevance is 'partner.market_relevance when computed.';
comment on column partner_segment_history.relevance_threshold is 'Relevance needed for "high relevance": configured per program, by default the median over the program''s partners.';
comment on column partner_segment_history.quadrant is 'KEY_PARTNER (many leads, high relevance), UNPOLISHED_DIAMOND (few, high), GROWTH_HACKER (many, low), DEMENTOR (few, low).';
comment on column partner_segment_history.previous_quadrant is 'Quadrant in the previous quarter''s row, null when there is none.';
comment on column partner_segment_history.sourced_revenue is 'Won partner-sourced revenue (opportunity_attribution.source = partner) closed in the tier window ending on the computation day.';
comment on column partner_segment_history.share_ranked_above is 'Share of the program''s partners with strictly more sourced revenue (0 = the top); the tier percentile.';
comment on column partner_segment_history.tier is 'PLATINUM (top 5%), GOLD (top 15%), SILVER (top 30%), BRONZE (the rest, and any partner without sourced revenue).';
comment on column partner_segment_history.previous_tier is 'Tier in the previous quarter''s row, null when there is none.';
comment on column partner_segment_history.commission_rate is 'Commission bracket on sourced revenue: 0.15 up to and including $100,000, 0.20 up to and including $500,000, 0.25 above.';
comment on column partner_segment_history.computed_at is 'When partner-sync last changed this row.';
