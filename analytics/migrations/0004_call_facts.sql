-- One row per call, computed from `call_state` (the view below is the single definition), and
-- kept in `call_facts` as signed rows: when a call's facts change, ingest writes the old row
-- with sign -1 and the new one with sign +1. Queries weight by sign and so are exact before and
-- after merges; ordering by queued time makes period queries range scans.
CREATE VIEW IF NOT EXISTS call_facts_current {{ON_CLUSTER}} AS
SELECT
    hotline,
    call_id,
    coalesce(queued, answered, abandoned, timed_out, first) AS queued_at,
    queued IS NOT NULL AS was_queued,
    multiIf(answered IS NOT NULL, 'answered',
            abandoned IS NOT NULL, 'abandoned',
            timed_out IS NOT NULL, 'timed_out',
            queued IS NOT NULL, 'waiting',
            'ivr') AS outcome,
    answered AS answered_at,
    ended AS ended_at,
    multiIf(answered IS NOT NULL, answered, abandoned IS NOT NULL, abandoned, timed_out) AS left_queue_at,
    toInt64(greatest(0, if(left_queue_at IS NULL OR queued IS NULL, 0,
        toUnixTimestamp64Milli(assumeNotNull(left_queue_at)) - toUnixTimestamp64Milli(assumeNotNull(queued))))) AS wait_ms,
    -- A hold lasts until the first resume after it, or the end of the call.
    toInt64(arraySum(arrayMap(h -> greatest(0,
            toUnixTimestamp64Milli(coalesce(arrayFirst(r -> r > h, arraySort(resumes)), ended, h)) - toUnixTimestamp64Milli(h)),
        holds))) AS hold_ms,
    toInt64(if(answered IS NULL OR ended IS NULL, 0,
        greatest(0, toUnixTimestamp64Milli(assumeNotNull(ended)) - toUnixTimestamp64Milli(assumeNotNull(answered)) - hold_ms))) AS talk_ms,
    if(answer_booth_v != '', answer_booth_v, last_booth_v) AS booth,
    operator_v AS operator,
    arraySort(classes_v) AS classes,
    case_v AS case_id,
    ended_by_v AS ended_by,
    timeout_reason_v AS timeout_reason,
    toUInt16(length(transfers)) AS transfers,
    line_v AS line
FROM
(
    SELECT
        hotline,
        call_id,
        min(first_ts) AS first,
        min(queued_at) AS queued,
        min(answered_at) AS answered,
        max(ended_at) AS ended,
        min(abandoned_at) AS abandoned,
        min(timeout_at) AS timed_out,
        groupUniqArrayArray(held_ts) AS holds,
        groupUniqArrayArray(resumed_ts) AS resumes,
        groupUniqArrayArray(transfer_ids) AS transfers,
        argMinMerge(answer_booth) AS answer_booth_v,
        argMaxMerge(last_booth) AS last_booth_v,
        argMinMerge(answer_operator) AS operator_v,
        argMaxMerge(classes) AS classes_v,
        argMaxMerge(case_id) AS case_v,
        argMaxMerge(ended_by) AS ended_by_v,
        argMinMerge(timeout_reason) AS timeout_reason_v,
        argMinMerge(line) AS line_v
    FROM call_state
    GROUP BY hotline, call_id
);

CREATE TABLE IF NOT EXISTS call_facts {{ON_CLUSTER}}
(
    hotline         LowCardinality(String),
    call_id         String,
    queued_at       DateTime64(3, 'UTC'),
    was_queued      Bool,
    outcome         LowCardinality(String),
    answered_at     Nullable(DateTime64(3, 'UTC')),
    ended_at        Nullable(DateTime64(3, 'UTC')),
    left_queue_at   Nullable(DateTime64(3, 'UTC')),
    wait_ms         Int64,
    hold_ms         Int64,
    talk_ms         Int64,
    booth           LowCardinality(String),
    operator        LowCardinality(String),
    classes         Array(LowCardinality(String)),
    case_id         String,
    ended_by        LowCardinality(String),
    timeout_reason  LowCardinality(String),
    transfers       UInt16,
    line            LowCardinality(String),
    sign            Int8,
    INDEX call_id_bloom call_id TYPE bloom_filter GRANULARITY 4
)
ENGINE = {{ENGINE CollapsingMergeTree(sign)}}
ORDER BY (hotline, queued_at, call_id);
