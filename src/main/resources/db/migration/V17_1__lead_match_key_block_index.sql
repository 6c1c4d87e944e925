-- Lead dedup (issue 15): one index serves every lookup of a block, and serves it from the index alone. An incremental
-- run asks, for each key of the leads it re-checks, how many leads and people hold the key and (when the block is
-- small enough to compare) which leads: with lead_id in the index that is one index range per key. It replaces
-- lead_match_key_lookup (key_type, key) and lead_match_key_person (key_type, key, person), both prefixes of it, so
-- every dedup run also writes one index entry less per match key.
create index lead_match_key_block on lead_match_key (key_type, key, person, lead_id);
drop index lead_match_key_lookup;
drop index lead_match_key_person;
