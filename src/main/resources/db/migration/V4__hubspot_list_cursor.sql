-- HubSpot full loads page through the list endpoint; its cursor is kept so an interrupted full load resumes where it stopped.
create table hubspot_list_cursor (
    object     text primary key,
    after      text,
    started_at timestamptz not null,
    updated_at timestamptz not null default now()
);

comment on table hubspot_list_cursor is 'HubSpot full loads in progress: the list-endpoint cursor of the last committed page per object. Deleted when the full load finishes.';
comment on column hubspot_list_cursor.object is 'HubSpot object type (companies, deals, contacts, ...).';
comment on column hubspot_list_cursor.after is 'The paging.next.after cursor to resume the list from; null before the first page is committed.';
comment on column hubspot_list_cursor.started_at is 'When the full load began; it becomes the incremental checkpoint when the load finishes, so changes made during the load are read again.';
comment on column hubspot_list_cursor.updated_at is 'When the cursor last moved.';
