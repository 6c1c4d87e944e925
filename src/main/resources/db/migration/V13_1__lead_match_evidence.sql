-- Lead dedup evidence (issue 15): why two leads were linked, pairs left for RevOps to review, the person each match
-- key was seen with (term-frequency adjustment and the split of oversized blocks), and a view of every cluster.

alter table lead_match_key add column person text not null default '';
create index lead_match_key_person on lead_match_key (key_type, key, person);
comment on column lead_match_key.person is 'Order-free phonetic full name of the lead (the second blocking key for oversized blocks; how many different people share an e-mail or phone); #<lead id> when the lead lacks a first or last name.';

create table lead_match_evidence (
    lead_id       bigint        not null references lead (id) on delete cascade,
    other_lead_id bigint        not null references lead (id) on delete cascade,
    rule          text          not null,
    score         numeric(5, 4) not null,
    fields        jsonb         not null,
    found_at      timestamptz   not null default now(),
    primary key (lead_id, other_lead_id),
    check (lead_id < other_lead_id)
);
create index lead_match_evidence_other on lead_match_evidence (other_lead_id);

comment on table lead_match_evidence is 'Every match link lead dedup found between two live leads, with the evidence: which fields agreed, how and with what weight. Clusters are formed from these links (docs/dedup.md).';
comment on column lead_match_evidence.lead_id is 'The lower lead id of the pair (lead.id).';
comment on column lead_match_evidence.other_lead_id is 'The higher lead id of the pair (lead.id).';
comment on column lead_match_evidence.rule is 'email or phone (an equal personal identifier with agreeing names decided) or score (weighted field similarity at or above partner-sync.dedup.threshold).';
comment on column lead_match_evidence.score is 'Match score 0..1 (1 for the email and phone rules).';
comment on column lead_match_evidence.fields is 'One object per compared field: field, a and b (normalized values), comparison (how they were compared), similarity 0..1, weight it counted with (0 = not counted).';
comment on column lead_match_evidence.found_at is 'When this link (with this evidence) was first found.';

create table lead_match_review (
    lead_id       bigint        not null references lead (id) on delete cascade,
    other_lead_id bigint        not null references lead (id) on delete cascade,
    score         numeric(5, 4) not null,
    fields        jsonb         not null,
    found_at      timestamptz   not null default now(),
    primary key (lead_id, other_lead_id),
    check (lead_id < other_lead_id)
);
create index lead_match_review_other on lead_match_review (other_lead_id);

comment on table lead_match_review is 'Pairs whose score lies in the review band (partner-sync.dedup.review-threshold up to threshold): possibly the same person, not merged; for RevOps to decide.';
comment on column lead_match_review.lead_id is 'The lower lead id of the pair (lead.id).';
comment on column lead_match_review.other_lead_id is 'The higher lead id of the pair (lead.id).';
comment on column lead_match_review.score is 'Match score 0..1, below the merge threshold.';
comment on column lead_match_review.fields is 'Field-by-field evidence as in lead_match_evidence.fields.';
comment on column lead_match_review.found_at is 'When the pair was first found in the review band.';

create view lead_cluster_explained as
select l.cluster_id,
       c.survivor_lead_id,
       c.credited_partner_id,
       c.member_count,
       l.id         as lead_id,
       l.source_system,
       l.source_id,
       l.first_name,
       l.last_name,
       l.is_survivor,
       l.duplicate_of_lead_id,
       (select jsonb_agg(jsonb_build_object('linked_lead_id', o.id, 'rule', e.rule, 'score', e.score,
                                            'fields', e.fields) order by e.score desc, o.id)
        from lead_match_evidence e
                 join lead o on o.id = case when e.lead_id = l.id then e.other_lead_id else e.lead_id end
        where (e.lead_id = l.id or e.other_lead_id = l.id)
          and o.cluster_id = l.cluster_id) as why
from lead l
         join lead_cluster c on c.id = l.cluster_id
where c.member_count > 1;

comment on view lead_cluster_explained is 'Each lead in a cluster with duplicates: its cluster, survivor and credited partner, and why it is there (its match links to other members with the field-by-field evidence). dedup --explain LEAD_ID prints the same.';
comment on column lead_cluster_explained.cluster_id is 'The cluster (lead_cluster.id).';
comment on column lead_cluster_explained.survivor_lead_id is 'The surviving (golden) lead of the cluster.';
comment on column lead_cluster_explained.credited_partner_id is 'Partner credited for the person (the first partner to submit).';
comment on column lead_cluster_explained.member_count is 'Live leads in the cluster.';
comment on column lead_cluster_explained.lead_id is 'This member (lead.id).';
comment on column lead_cluster_explained.source_system is 'CRM the member comes from.';
comment on column lead_cluster_explained.source_id is 'The member''s id in that CRM.';
comment on column lead_cluster_explained.first_name is 'The member''s first name as stored.';
comment on column lead_cluster_explained.last_name is 'The member''s last name as stored.';
comment on column lead_cluster_explained.is_survivor is 'True for the survivor.';
comment on column lead_cluster_explained.duplicate_of_lead_id is 'The survivor this member duplicates; null on the survivor.';
comment on column lead_cluster_explained.why is 'The member''s match links to other members of its cluster, best first: linked_lead_id, rule, score and the field-by-field evidence (lead_match_evidence.fields).';
