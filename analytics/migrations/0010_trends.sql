-- Trends (issue 7): talk times join the hourly rollup as a histogram in 5-second steps (bucket
-- 3600 holds everything from an hour on; finer steps cost more to merge than a chart can show),
-- so talk-time distributions and percentiles come from the rollup; and case events (codes only)
-- get a small table of their own ordered by time, so case trends never scan the call events.
ALTER TABLE call_hourly {{ON_CLUSTER}}
    ADD COLUMN IF NOT EXISTS talk_seconds SimpleAggregateFunction(sumMap, Tuple(Array(UInt16), Array(Int64)));

DROP VIEW IF EXISTS call_hourly_mv {{ON_CLUSTER}};

CREATE MATERIALIZED VIEW IF NOT EXISTS call_hourly_mv {{ON_CLUSTER}} TO call_hourly AS
SELECT
    hotline,
    toDateTime(toStartOfHour(queued_at), 'UTC') AS hour,
    outcome,
    booth,
    sum(toInt64(sign)) AS calls,
    sum(toInt64(sign) * (ended_at IS NOT NULL)) AS completed,
    sum(toInt64(sign) * notEmpty(classes)) AS classified,
    sum(sign * call_facts.wait_ms) AS wait_ms,
    sum(sign * if(ended_at IS NOT NULL, call_facts.talk_ms, 0)) AS talk_ms,
    sum(sign * if(ended_at IS NOT NULL, call_facts.hold_ms, 0)) AS hold_ms,
    sum(toInt64(sign) * call_facts.transfers) AS transfers,
    sumMap(([toUInt16(least(if(outcome = 'answered', intDiv(call_facts.wait_ms + 999, 1000), intDiv(call_facts.wait_ms, 1000)), 3601))], [toInt64(sign)])) AS wait_seconds,
    sumMap((CAST(classes, 'Array(String)'), arrayMap(c -> toInt64(sign), classes))) AS class_calls,
    sumMap((if(outcome = 'answered' AND ended_at IS NOT NULL, [toUInt16(least(intDiv(call_facts.talk_ms, 5000) * 5, 3600))], []), if(outcome = 'answered' AND ended_at IS NOT NULL, [toInt64(sign)], []))) AS talk_seconds
FROM call_facts
WHERE outcome != 'ivr'
GROUP BY hotline, hour, outcome, booth;

-- Talk times of the calls already rolled up, once (rows that add only to the histogram).
INSERT INTO call_hourly (hotline, hour, outcome, booth, calls, completed, classified, wait_ms, talk_ms, hold_ms, transfers, wait_seconds, class_calls, talk_seconds)
SELECT
    hotline,
    toDateTime(toStartOfHour(queued_at), 'UTC') AS hour,
    outcome,
    booth,
    0, 0, 0, 0, 0, 0, 0,
    (CAST([], 'Array(UInt16)'), CAST([], 'Array(Int64)')),
    (CAST([], 'Array(String)'), CAST([], 'Array(Int64)')),
    sumMap(([toUInt16(least(intDiv(talk_ms, 5000) * 5, 3600))], [toInt64(sign)]))
FROM call_facts
WHERE outcome = 'answered' AND ended_at IS NOT NULL
  AND (SELECT count() FROM call_hourly WHERE notEmpty(talk_seconds.1)) = 0
GROUP BY hotline, hour, outcome, booth;

CREATE TABLE IF NOT EXISTS case_events {{ON_CLUSTER}}
(
    hotline       LowCardinality(String),
    ts            DateTime64(3, 'UTC'),
    id            String,
    type          LowCardinality(String),
    case_id       String,
    status        LowCardinality(String),
    from_status   LowCardinality(String),
    missing_type  LowCardinality(String),
    priority      LowCardinality(String),
    age_band      LowCardinality(String),
    area          LowCardinality(String),
    episode       UInt16,
    cross_border  UInt8,
    partner       LowCardinality(String),
    action        LowCardinality(String),
    referral_id   String,
    duration_s    Nullable(Float64),
    since_last_seen_s Nullable(Float64),
    expected_s    Nullable(Float64)
)
ENGINE = {{ENGINE ReplacingMergeTree}}
ORDER BY (hotline, ts, id);

CREATE MATERIALIZED VIEW IF NOT EXISTS case_events_feed {{ON_CLUSTER}} TO case_events AS
SELECT hotline, ts, id, type, case_id, status, from_status, missing_type, priority, age_band, area, episode, cross_border,
       partner, action, referral_id, duration_s, since_last_seen_s, expected_s
FROM events
WHERE startsWith(type, 'case.');

INSERT INTO case_events
SELECT hotline, ts, id, type, case_id, status, from_status, missing_type, priority, age_band, area, episode, cross_border,
       partner, action, referral_id, duration_s, since_last_seen_s, expected_s
FROM events
WHERE startsWith(type, 'case.') AND (SELECT count() FROM case_events) = 0;
