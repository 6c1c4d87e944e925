-- The analyst views show only what has happened (issue 16): no quarter or week after today's. Dates ahead of today in
-- the data (an open deal's expected close, a next step, a typo) no longer add future rows; the current week still
-- counts the next steps due later this week. Same columns as V5_1, so grants and column comments stay.

create or replace view v_partner_scorecard_quarterly as
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
left join partner_name n using (partner_id)
where k.quarter <= date_trunc('quarter', current_date)::date;
comment on column v_partner_scorecard_quarterly.quarter is 'First day of the quarter, up to the current one: pipeline counts by created date, revenue and win rate by close date.';

-- Weeks from the first dated registration, opportunity or activity (at most 3 years back) up to the current week, so a
-- mistyped year can neither explode the week list nor add weeks that have not come.
create or replace view v_cosell_pipeline_weekly as
with partner_ids as (select distinct partner_id from partner where not deleted),
events as (
    select (submitted_at at time zone 'UTC')::date as d from deal_registration where not deleted and submitted_at is not null
    union all select created_date from opportunity where not deleted and created_date is not null
    union all select coalesce((occurred_at at time zone 'UTC')::date, activity_date) from activity where not deleted),
weeks as (
    select w::date as week_start, (w + interval '6 days')::date as week_end
    from (select min(d) as first_day from events where d <= current_date) e,
         generate_series(date_trunc('week', greatest(e.first_day, current_date - 1095)), date_trunc('week', current_date),
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
comment on column v_cosell_pipeline_weekly.week_start is 'Monday of the week, up to the current week.';
comment on column v_cosell_pipeline_weekly.next_steps_due is 'Activity next-step dates and next meeting dates of live deal registrations falling in the week (in the current week also the days still ahead).';

create or replace view v_program_health as
with quarters as (
    select distinct date_trunc('quarter', d)::date as quarter from (
        select created_date as d from opportunity where not deleted and created_date is not null
        union all select close_date from opportunity where not deleted and close_date is not null
        union all select (submitted_at at time zone 'UTC')::date from deal_registration where not deleted and submitted_at is not null) e),
q as (select quarter, least((quarter + interval '3 months' - interval '1 day')::date, current_date) as as_of_date from quarters
      where quarter <= date_trunc('quarter', current_date)::date),
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
comment on column v_program_health.quarter is 'First day of the quarter, up to the current one.';
