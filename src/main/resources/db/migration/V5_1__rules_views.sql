-- Analyst views over the rules' results (seed 002 "Dashboards You Both Trust", seed 003 "Partnership Metrics") and the
-- read-only role analysts connect with. Kept apart from V5 because the write-back branch builds on V5's tables.

-- attribution looks registrations up by registration number and by the opportunity they are linked to
create index deal_registration_deal_reg_id on deal_registration (deal_reg_id);
create index deal_registration_opportunity on deal_registration (source_system, opportunity_source_id);

-- One row per opportunity with what every dashboard needs: partner involvement, segment, net amount, cycle time.
-- Excluded (fraud) opportunities are left out of every view.
create view v_partner_opportunity as
select o.id                                                                           as opportunity_id,
       o.amount,
       o.is_closed,
       o.is_won,
       o.created_date,
       o.close_date,
       o.stage,
       coalesce(o.private_offer, false)                                               as private_offer,
       coalesce(ac.segment, 'unknown')                                                as segment,
       o.amount * (1 - coalesce(o.discount, 0)) * (1 - coalesce(o.take_rate, 0))      as net_amount,
       o.close_date - o.created_date                                                  as cycle_days,
       att.source                                                                     as attribution,
       att.partner_id                                                                 as sourcing_partner_id,
       att.source in ('partner', 'marketplace')
           or exists (select 1 from opportunity_influence i where i.opportunity_id = o.id) as partner_involved
from opportunity o
join opportunity_attribution att on att.opportunity_id = o.id and att.source <> 'excluded'
left join account ac on ac.source_system = o.source_system and ac.source_id = o.account_source_id and not ac.deleted
where not o.deleted;
comment on view v_partner_opportunity is 'Helper for the dashboards: every live, non-excluded opportunity with its attribution, segment, net amount and cycle time.';
comment on column v_partner_opportunity.opportunity_id is 'opportunity.id.';
comment on column v_partner_opportunity.amount is 'Opportunity amount.';
comment on column v_partner_opportunity.is_closed is 'Closed (won or lost).';
comment on column v_partner_opportunity.is_won is 'Closed won.';
comment on column v_partner_opportunity.created_date is 'Created date; pipeline counts in its quarter/week.';
comment on column v_partner_opportunity.close_date is 'Close date; revenue counts in its quarter.';
comment on column v_partner_opportunity.stage is 'Sales stage.';
comment on column v_partner_opportunity.private_offer is 'Marketplace private offer.';
comment on column v_partner_opportunity.segment is 'Segment of the account (unknown when the account is not synced).';
comment on column v_partner_opportunity.net_amount is 'Amount after discount and marketplace take rate: amount x (1 - discount) x (1 - take_rate).';
comment on column v_partner_opportunity.cycle_days is 'Days from creation to close (sales-cycle length).';
comment on column v_partner_opportunity.attribution is 'opportunity_attribution.source (never excluded here).';
comment on column v_partner_opportunity.sourcing_partner_id is 'Partner credited with sourcing (partner or marketplace attribution).';
comment on column v_partner_opportunity.partner_involved is 'A partner sourced it or has influence credit on it; false = a solo deal.';

-- Each partner's tie to an opportunity: sourced (valid deal registration) or influenced.
create view v_partner_opportunity_credit as
select a.partner_id, 'sourced'::text as credit, o.*
from opportunity_attribution a join v_partner_opportunity o on o.opportunity_id = a.opportunity_id
where a.source = 'partner' and a.partner_id is not null
union all
select i.partner_id, 'influenced', o.*
from opportunity_influence i join v_partner_opportunity o on o.opportunity_id = i.opportunity_id;
comment on view v_partner_opportunity_credit is 'One row per partner and opportunity it sourced or influenced, with the v_partner_opportunity columns.';
comment on column v_partner_opportunity_credit.partner_id is 'Partner credited.';
comment on column v_partner_opportunity_credit.credit is 'sourced (partner-sourced by a valid deal registration) or influenced (joint meeting, co-sell, influence flag).';
do $$
declare c record;
begin
    -- the remaining columns mean what they mean in v_partner_opportunity
    for c in select a.attname, col_description('v_partner_opportunity'::regclass, a.attnum) as doc
             from pg_attribute a where a.attrelid = 'v_partner_opportunity'::regclass and a.attnum > 0 loop
        execute format('comment on column v_partner_opportunity_credit.%I is %L', c.attname, c.doc);
    end loop;
end $$;

create view v_partner_scorecard_quarterly as
with created as (
    select date_trunc('quarter', created_date)::date as quarter, partner_id, segment,
           sum(amount) filter (where credit = 'sourced')    as sourced_pipeline,
           sum(amount) filter (where credit = 'influenced') as influenced_pipeline
    from v_partner_opportunity_credit where created_date is not null
    group by 1, 2, 3),
closed as (
    select date_trunc('quarter', close_date)::date as quarter, partner_id, segment,
           sum(amount) filter (where credit = 'sourced' and is_won)     as sourced_revenue,
           sum(amount) filter (where credit = 'influenced' and is_won)  as influenced_revenue,
           sum(net_amount) filter (where credit = 'sourced' and is_won) as sourced_net_revenue,
           count(*)                                                     as deals_closed,
           count(*) filter (where is_won)                               as deals_won,
           avg(cycle_days) filter (where is_won)                        as avg_cycle_days
    from v_partner_opportunity_credit where is_closed and close_date is not null
    group by 1, 2, 3),
solo as (
    select date_trunc('quarter', close_date)::date as quarter, segment,
           count(*) filter (where is_won)::numeric / count(*) as win_rate,
           avg(cycle_days) filter (where is_won)              as avg_cycle_days
    from v_partner_opportunity where is_closed and close_date is not null and not partner_involved
    group by 1, 2),
partner_name as (select partner_id, max(name) as name from partner where not deleted group by partner_id)
select k.quarter,
       k.partner_id,
       n.name                                                                  as partner_name,
       k.segment,
       coalesce(c.sourced_pipeline, 0)                                         as sourced_pipeline,
       coalesce(c.influenced_pipeline, 0)                                      as influenced_pipeline,
       coalesce(d.sourced_revenue, 0)                                          as sourced_revenue,
       coalesce(d.influenced_revenue, 0)                                       as influenced_revenue,
       round(coalesce(d.sourced_net_revenue, 0), 2)                            as sourced_net_revenue,
       coalesce(d.deals_closed, 0)                                             as deals_closed,
       coalesce(d.deals_won, 0)                                                as deals_won,
       round(d.deals_won::numeric / nullif(d.deals_closed, 0), 4)              as win_rate,
       round(s.win_rate, 4)                                                    as solo_win_rate,
       round(d.deals_won::numeric / nullif(d.deals_closed, 0) - s.win_rate, 4) as win_rate_delta,
       round(d.avg_cycle_days, 1)                                              as avg_cycle_days,
       round(s.avg_cycle_days, 1)                                              as solo_avg_cycle_days,
       round(d.avg_cycle_days - s.avg_cycle_days, 1)                           as cycle_days_delta
from (select quarter, partner_id, segment from created union select quarter, partner_id, segment from closed) k
left join created c using (quarter, partner_id, segment)
left join closed d using (quarter, partner_id, segment)
left join solo s using (quarter, segment)
left join partner_name n using (partner_id);
comment on view v_partner_scorecard_quarterly is 'Partner executive scorecard (seed 002): per quarter, partner and account segment, sourced and influenced pipeline and revenue, win rate and cycle time against solo deals of the same segment, net revenue.';
comment on column v_partner_scorecard_quarterly.quarter is 'First day of the quarter: pipeline counts by created date, revenue and win rate by close date.';
comment on column v_partner_scorecard_quarterly.partner_id is 'Partner.';
comment on column v_partner_scorecard_quarterly.partner_name is 'Partner name.';
comment on column v_partner_scorecard_quarterly.segment is 'Account segment (unknown when the account is not synced).';
comment on column v_partner_scorecard_quarterly.sourced_pipeline is 'Amount of partner-sourced opportunities created in the quarter.';
comment on column v_partner_scorecard_quarterly.influenced_pipeline is 'Amount of opportunities the partner influenced, created in the quarter.';
comment on column v_partner_scorecard_quarterly.sourced_revenue is 'Won partner-sourced amount closed in the quarter.';
comment on column v_partner_scorecard_quarterly.influenced_revenue is 'Won influenced amount closed in the quarter.';
comment on column v_partner_scorecard_quarterly.sourced_net_revenue is 'Sourced revenue after discount and take rate.';
comment on column v_partner_scorecard_quarterly.deals_closed is 'Sourced or influenced opportunities closed in the quarter.';
comment on column v_partner_scorecard_quarterly.deals_won is 'Of those, won.';
comment on column v_partner_scorecard_quarterly.win_rate is 'deals_won / deals_closed.';
comment on column v_partner_scorecard_quarterly.solo_win_rate is 'Win rate of solo deals (no partner involved) closed in the quarter in the same segment.';
comment on column v_partner_scorecard_quarterly.win_rate_delta is 'win_rate - solo_win_rate.';
comment on column v_partner_scorecard_quarterly.avg_cycle_days is 'Average days from creation to close of the partner''s won deals.';
comment on column v_partner_scorecard_quarterly.solo_avg_cycle_days is 'The same for won solo deals of the segment.';
comment on column v_partner_scorecard_quarterly.cycle_days_delta is 'avg_cycle_days - solo_avg_cycle_days (negative = partners close faster).';

-- Weeks run over the data's own dates: at most 3 years back from the latest registration, opportunity or activity
-- (dates more than 13 weeks ahead of today are ignored), and up to 13 weeks beyond it for next steps, so a mistyped
-- year can neither explode the week list nor hide the real weeks.
create view v_cosell_pipeline_weekly as
with partner_ids as (select distinct partner_id from partner where not deleted),
events as (
    select (submitted_at at time zone 'UTC')::date as d from deal_registration where not deleted and submitted_at is not null
    union all select created_date from opportunity where not deleted and created_date is not null
    union all select coalesce((occurred_at at time zone 'UTC')::date, activity_date) from activity where not deleted),
planned as (
    select next_step_date as d from activity where not deleted
    union all select next_meeting_date from deal_registration where not deleted),
weeks as (
    select w::date as week_start, (w + interval '6 days')::date as week_end
    from (select min(d) as first_day, max(d) as last_day from events where d <= current_date + 91) e,
         (select max(d) as last_planned from planned) p,
         generate_series(date_trunc('week', greatest(e.first_day, e.last_day - 1095)),
                         date_trunc('week', greatest(e.last_day, least(p.last_planned, e.last_day + 91))),
                         interval '1 week') w),
regs as (
    select date_trunc('week', submitted_at at time zone 'UTC')::date as week_start, partner_id,
           count(*)                                                   as new_deal_regs,
           count(*) filter (where status in ('SUBMITTED', 'APPROVED', 'EXPIRED')) as new_deal_regs_valid,
           count(*) filter (where status = 'INVALID')                 as new_deal_regs_invalid
    from deal_registration where not deleted and submitted_at is not null group by 1, 2),
touches as (
    select partner_id, coalesce((occurred_at at time zone 'UTC')::date, activity_date) as d, joint_meeting, next_step_date
    from activity where not deleted and partner_id is not null),
next_steps as (
    select partner_id, next_step_date as d from touches where next_step_date is not null
    union all
    select partner_id, next_meeting_date from deal_registration
    where not deleted and next_meeting_date is not null and status in ('SUBMITTED', 'APPROVED')),
open_deals as (
    -- stage history is not synced: deals closed since then show as such, open ones under their current stage
    select w.week_start, c.partner_id, case when c.is_closed then 'closed since' else coalesce(c.stage, 'no stage') end as stage,
           count(*) as deals, sum(c.amount) as amount,
           avg(w.week_end - c.created_date) as age_days,
           count(*) filter (where c.private_offer) as private_offers
    from weeks w join v_partner_opportunity_credit c
      on c.created_date <= w.week_end and (not c.is_closed or c.close_date > w.week_end)
    group by 1, 2, 3),
open_by_partner as (
    select week_start, partner_id, sum(deals) as open_deals, sum(amount) as open_pipeline,
           round(sum(age_days * deals) / sum(deals), 1) as avg_open_age_days, sum(private_offers) as private_offers_in_flight,
           string_agg(stage || ': ' || deals || ' open, ' || round(age_days) || ' days avg age', '; '
                      order by stage) as aging_by_stage
    from open_deals group by 1, 2),
grid as (
    select w.week_start, w.week_end, p.partner_id,
           (select count(*) from touches t where t.partner_id = p.partner_id and t.joint_meeting
              and t.d between w.week_start and w.week_end)                          as joint_meetings_booked,
           (select count(*) from next_steps n where n.partner_id = p.partner_id
              and n.d between w.week_start and w.week_end)                          as next_steps_due,
           w.week_end - (select max(t.d) from touches t where t.partner_id = p.partner_id and t.d <= w.week_end)
                                                                                    as days_since_last_touch
    from weeks w cross join partner_ids p)
select g.week_start,
       g.partner_id,
       coalesce(r.new_deal_regs, 0)            as new_deal_regs,
       coalesce(r.new_deal_regs_valid, 0)      as new_deal_regs_valid,
       coalesce(r.new_deal_regs_invalid, 0)    as new_deal_regs_invalid,
       coalesce(o.open_deals, 0)               as open_deals,
       coalesce(o.open_pipeline, 0)            as open_pipeline,
       o.avg_open_age_days,
       o.aging_by_stage,
       g.days_since_last_touch,
       g.joint_meetings_booked,
       g.next_steps_due,
       coalesce(o.private_offers_in_flight, 0) as private_offers_in_flight
from grid g
left join regs r using (week_start, partner_id)
left join open_by_partner o using (week_start, partner_id)
where r.new_deal_regs > 0 or o.open_deals > 0 or g.joint_meetings_booked > 0 or g.next_steps_due > 0;
comment on view v_cosell_pipeline_weekly is 'Co-sell pipeline for the weekly ops review (seed 002): per ISO week (Monday) and partner with any activity, new deal registrations, open partner deals and their aging as of the week''s end, touches, joint meetings, next steps due, private offers in flight.';
comment on column v_cosell_pipeline_weekly.week_start is 'Monday of the week.';
comment on column v_cosell_pipeline_weekly.partner_id is 'Partner.';
comment on column v_cosell_pipeline_weekly.new_deal_regs is 'Deal registrations the partner submitted that week.';
comment on column v_cosell_pipeline_weekly.new_deal_regs_valid is 'Of those, currently SUBMITTED, APPROVED or EXPIRED (passed the required-field and conflict checks).';
comment on column v_cosell_pipeline_weekly.new_deal_regs_invalid is 'Of those, currently INVALID (a required field missing).';
comment on column v_cosell_pipeline_weekly.open_deals is 'Opportunities the partner sourced or influences that were open at the end of the week.';
comment on column v_cosell_pipeline_weekly.open_pipeline is 'Their amount.';
comment on column v_cosell_pipeline_weekly.avg_open_age_days is 'Their average age in days at the end of the week.';
comment on column v_cosell_pipeline_weekly.aging_by_stage is 'Per current stage: open deals and average age, e.g. "Negotiation: 2 open, 14 days avg age"; deals closed after that week show as "closed since" (stage history is not synced).';
comment on column v_cosell_pipeline_weekly.days_since_last_touch is 'Days from the partner''s last logged activity to the end of the week (null: none yet).';
comment on column v_cosell_pipeline_weekly.joint_meetings_booked is 'Activities marked joint_meeting with the partner dated in the week.';
comment on column v_cosell_pipeline_weekly.next_steps_due is 'Activity next-step dates and next meeting dates of live deal registrations falling in the week.';
comment on column v_cosell_pipeline_weekly.private_offers_in_flight is 'Open partner deals that are marketplace private offers at the end of the week.';

-- Per quarter, "as of" its last day (or today for the running quarter): active partners had a deal in the 90 days before.
create view v_program_health as
with quarters as (
    select distinct date_trunc('quarter', d)::date as quarter from (
        select created_date as d from opportunity where not deleted and created_date is not null
        union all select close_date from opportunity where not deleted and close_date is not null
        union all select (submitted_at at time zone 'UTC')::date from deal_registration where not deleted and submitted_at is not null) e),
q as (select quarter, least((quarter + interval '3 months' - interval '1 day')::date, current_date) as as_of_date from quarters),
program_of as (select partner_id, coalesce(max(program), 'default') as program from partner where not deleted group by partner_id),
deal_dates as (
    select partner_id, created_date as d from v_partner_opportunity_credit
    union all select sourcing_partner_id, created_date from v_partner_opportunity where attribution = 'marketplace'
    union all select partner_id, (submitted_at at time zone 'UTC')::date from deal_registration where not deleted),
per_program as (
    select q.quarter, q.as_of_date, p.program,
           count(distinct p.partner_id) as partners,
           count(distinct p.partner_id) filter (where exists (
               select 1 from deal_dates dd where dd.partner_id = p.partner_id
                 and dd.d > q.as_of_date - 90 and dd.d <= q.as_of_date)) as active_partners
    from q cross join program_of p group by 1, 2, 3),
closed as (
    select date_trunc('quarter', o.close_date)::date as quarter, pr.program, o.*
    from v_partner_opportunity o
    join lateral (select distinct po.program from v_partner_opportunity_credit c join program_of po using (partner_id)
                  where c.opportunity_id = o.opportunity_id
                  union select po.program from program_of po where po.partner_id = o.sourcing_partner_id) pr on true
    where o.is_closed and o.close_date is not null),
partner_stats as (
    select quarter, program, sum(amount) filter (where is_won) as partner_revenue,
           count(*) filter (where is_won)::numeric / count(*) as win_rate, avg(cycle_days) filter (where is_won) as cycle_days
    from closed group by 1, 2),
solo_stats as (
    select date_trunc('quarter', close_date)::date as quarter,
           count(*) filter (where is_won)::numeric / count(*) as win_rate, avg(cycle_days) filter (where is_won) as cycle_days
    from v_partner_opportunity where is_closed and close_date is not null and not partner_involved group by 1)
select pp.quarter,
       pp.program,
       pp.as_of_date,
       pp.partners,
       pp.active_partners,
       coalesce(ps.partner_revenue, 0)                                       as partner_revenue,
       round(coalesce(ps.partner_revenue, 0) / nullif(pp.active_partners, 0), 2) as revenue_per_active_partner,
       round(ps.win_rate, 4)                                                 as win_rate_with_partner,
       round(ss.win_rate, 4)                                                 as win_rate_without_partner,
       round(ps.cycle_days, 1)                                               as sales_cycle_days_with_partner,
       round(ss.cycle_days, 1)                                               as sales_cycle_days_without_partner
from per_program pp
left join partner_stats ps using (quarter, program)
left join solo_stats ss using (quarter);
comment on view v_program_health is 'Partner program health (seed 003): per quarter and program, active partners, revenue per partner, win rate and sales-cycle length with and without partner involvement.';
comment on column v_program_health.quarter is 'First day of the quarter.';
comment on column v_program_health.program is 'Partner program (default when the partner has none).';
comment on column v_program_health.as_of_date is 'Last day of the quarter, or today while it runs: the day "last 90 days" counts back from.';
comment on column v_program_health.partners is 'Partners in the program.';
comment on column v_program_health.active_partners is 'Partners with a deal (sourced, influenced or marketplace opportunity created, or deal registration submitted) in the 90 days up to as_of_date.';
comment on column v_program_health.partner_revenue is 'Won amount closed in the quarter on deals a partner of the program sourced or influenced.';
comment on column v_program_health.revenue_per_active_partner is 'partner_revenue / active_partners.';
comment on column v_program_health.win_rate_with_partner is 'Won / closed in the quarter, deals with a partner of the program involved.';
comment on column v_program_health.win_rate_without_partner is 'Won / closed in the quarter, solo deals (any program).';
comment on column v_program_health.sales_cycle_days_with_partner is 'Average days from creation to close of won deals with a partner of the program.';
comment on column v_program_health.sales_cycle_days_without_partner is 'The same for won solo deals.';

-- Read-only role for BI tools: select on the model, rules tables and views, also on tables later migrations add
-- (default privileges of the migrating user); not on the sync bookkeeping or Flyway's history.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'partner_sync_reader') then
        create role partner_sync_reader nologin;
    end if;
end $$;
grant usage on schema public to partner_sync_reader;
grant select on all tables in schema public to partner_sync_reader;
revoke all on flyway_schema_history, sync_checkpoint, sync_run, sync_run_object, sync_error from partner_sync_reader;
alter default privileges in schema public grant select on tables to partner_sync_reader;
