-- Change streams (Salesforce Change Data Capture) resume from the replay id stored here, written in the same
-- transaction as the rows the events produced, so a restart neither loses nor repeats a change.
create table sync_stream_position (
    source_system text not null,
    channel       text not null,
    replay_id     text not null,
    event_time    timestamptz not null,
    updated_at    timestamptz not null default now(),
    primary key (source_system, channel)
);

comment on table sync_stream_position is 'Where each change stream stands: the replay id of the last event whose changes are committed. Written with those changes, in one transaction.';
comment on column sync_stream_position.source_system is 'CRM of the stream (salesforce).';
comment on column sync_stream_position.channel is 'The subscribed channel, e.g. /data/ChangeEvents.';
comment on column sync_stream_position.replay_id is 'Opaque replay id of the last committed event (base64, as the Pub/Sub API returns it); the stream resubscribes after it.';
comment on column sync_stream_position.event_time is 'Commit time of that event in the CRM. A replay id older than the event bus retention (72 h) is not replayable: the stream subscribes from the newest event and the objects are polled instead.';
comment on column sync_stream_position.updated_at is 'When the position last moved.';
