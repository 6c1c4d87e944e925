-- Review decisions (issue 15): RevOps confirms or rejects a pair in lead_match_review and the decision sticks across
-- runs: a confirmed pair links, a rejected pair never links again and its two leads never share a cluster. Deciding
-- (an update of status, or an insert of a decided row for a pair dedup linked by itself) stamps who and when and marks
-- both leads for the next incremental run, so the decision takes effect without waiting for the leads to change.

alter table lead_match_review
    add column status     text not null default 'open' check (status in ('open', 'confirmed', 'rejected')),
    add column decided_by text,
    add column decided_at timestamptz,
    add constraint lead_match_review_decided_by check (status = 'open' or decided_by is not null);
comment on column lead_match_evidence.rule is 'email or phone (an equal personal identifier with agreeing names decided), score (weighted field similarity at or above partner-sync.dedup.threshold) or confirmed (RevOps confirmed the pair in lead_match_review).';
comment on column lead_duplicate_event.rule is 'How the match was made: email, phone (exact normalized keys), score (weighted string similarity over blocked candidates) or confirmed (RevOps confirmed the pair in lead_match_review).';
create index lead_match_review_decided on lead_match_review (lead_id, other_lead_id) where status <> 'open';

comment on table lead_match_review is 'Pairs whose score lies in the review band (partner-sync.dedup.review-threshold up to threshold): possibly the same person, not merged; for RevOps to decide (status). Decided pairs stay, whatever their score later.';
comment on column lead_match_review.score is 'Match score 0..1 when the pair was last scored in the review band (or, for a rejected automatic link, its link score).';
comment on column lead_match_review.status is 'open (waiting for RevOps; not merged), confirmed (one person: the pair links, rule confirmed) or rejected (two people: the pair never links and its leads never share a cluster). Set by RevOps; dedup only writes open rows.';
comment on column lead_match_review.decided_by is 'Who confirmed or rejected the pair; required unless status is open.';
comment on column lead_match_review.decided_at is 'When the status was last changed (set by the database).';

create function lead_match_review_decided() returns trigger language plpgsql as $$
begin
    new.decided_at := case when new.status = 'open' then null else now() end;
    if new.status = 'open' then
        new.decided_by := null;
    end if;
    -- both leads are re-checked by the next incremental run (lead.dedup_checked_at null = pending)
    update lead set dedup_checked_at = null where id in (new.lead_id, new.other_lead_id);
    return new;
end $$;

create trigger lead_match_review_decided_insert before insert on lead_match_review for each row
    when (new.status <> 'open')
    execute function lead_match_review_decided();
create trigger lead_match_review_decided_update before update of status on lead_match_review for each row
    when (old.status is distinct from new.status)
    execute function lead_match_review_decided();

-- What analysts (partner_sync_reader) see of the review queue: the pair, score, decision and the evidence without the
-- normalized e-mail and phone values, which stay out of the reader role as lead_match_key does.
create view v_lead_match_review as
select r.lead_id,
       r.other_lead_id,
       r.score,
       r.status,
       r.decided_by,
       r.decided_at,
       r.found_at,
       (select jsonb_agg(case when f ->> 'field' in ('email', 'phone') then f - 'a' - 'b' else f end)
        from jsonb_array_elements(r.fields) f) as fields
from lead_match_review r;

comment on view v_lead_match_review is 'The RevOps review queue and its decisions (lead_match_review) for analysts: e-mail and phone evidence without the normalized values.';
comment on column v_lead_match_review.lead_id is 'The lower lead id of the pair (lead.id).';
comment on column v_lead_match_review.other_lead_id is 'The higher lead id of the pair (lead.id).';
comment on column v_lead_match_review.score is 'Match score 0..1 (lead_match_review.score).';
comment on column v_lead_match_review.status is 'open, confirmed or rejected (lead_match_review.status).';
comment on column v_lead_match_review.decided_by is 'Who decided; null while open.';
comment on column v_lead_match_review.decided_at is 'When it was decided; null while open.';
comment on column v_lead_match_review.found_at is 'When the pair was first found in the review band.';
comment on column v_lead_match_review.fields is 'Field-by-field evidence (lead_match_review.fields) without the a/b values of e-mail and phone.';

-- The leads an incremental dedup run has to check (new, changed or deleted since it last checked them, or named by a
-- decision), found without reading the whole lead table; a lead leaves the index once dedup has checked it.
create index lead_dedup_pending on lead (id) where dedup_checked_at is null or synced_at > dedup_checked_at;
