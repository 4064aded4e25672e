-- Every accepted v1 event, one row each. Ordered by (hotline, id) so the ingest dedup check is a
-- primary-key lookup; Replacing* is a safety net should two app instances race on one id.
-- Timestamps are UTC with millisecond precision. No names, numbers or free text (privacy rules).
CREATE TABLE IF NOT EXISTS events {{ON_CLUSTER}}
(
    hotline       LowCardinality(String),
    id            String,
    type          LowCardinality(String),
    ts            DateTime64(3, 'UTC'),
    received_at   DateTime64(3, 'UTC'),
    call_id       String,
    booth         LowCardinality(String),
    operator      LowCardinality(String),
    state         LowCardinality(String),
    reason        LowCardinality(String),
    classes       Array(LowCardinality(String)),
    case_id       String,
    ended_by      LowCardinality(String),
    caller_hash   String,
    line          LowCardinality(String),
    position      Nullable(UInt32),
    transfer_to   LowCardinality(String),
    status        LowCardinality(String),
    partner       LowCardinality(String),
    duration_s    Nullable(Float64)
)
ENGINE = {{ENGINE ReplacingMergeTree(received_at)}}
ORDER BY (hotline, id);
