-- Hourly rollup of the signed call facts, so long periods read thousands of rows instead of
-- millions. Waits are kept as a histogram in whole seconds so any SL threshold T and
-- short-abandon threshold S (whole seconds) can be applied at query time: answered calls are
-- bucketed by ceil(wait) (wait <= T  <=>  ceil(wait) <= T), abandoned and timed-out calls by
-- floor(wait) (wait < S  <=>  floor(wait) < S); bucket 3601 holds everything longer than an hour.
-- The same bucket expression appears in analytics/queries/stats_period.sql; keep them equal.
CREATE TABLE IF NOT EXISTS call_hourly {{ON_CLUSTER}}
(
    hotline       LowCardinality(String),
    hour          DateTime('UTC'),
    outcome       LowCardinality(String),
    booth         LowCardinality(String),
    calls         SimpleAggregateFunction(sum, Int64),
    completed     SimpleAggregateFunction(sum, Int64),
    classified    SimpleAggregateFunction(sum, Int64),
    wait_ms       SimpleAggregateFunction(sum, Int64),
    talk_ms       SimpleAggregateFunction(sum, Int64),
    hold_ms       SimpleAggregateFunction(sum, Int64),
    transfers     SimpleAggregateFunction(sum, Int64),
    wait_seconds  SimpleAggregateFunction(sumMap, Tuple(Array(UInt16), Array(Int64))),
    class_calls   SimpleAggregateFunction(sumMap, Tuple(Array(String), Array(Int64)))
)
ENGINE = {{ENGINE AggregatingMergeTree}}
ORDER BY (hotline, hour, outcome, booth);

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
    sumMap((CAST(classes, 'Array(String)'), arrayMap(c -> toInt64(sign), classes))) AS class_calls
FROM call_facts
WHERE outcome != 'ivr'
GROUP BY hotline, hour, outcome, booth;

-- Calls already in call_facts before this migration (only when the rollup is still empty, so a
-- re-run of an interrupted migration cannot count them twice).
INSERT INTO call_hourly
SELECT
    hotline,
    toDateTime(toStartOfHour(queued_at), 'UTC') AS hour,
    outcome,
    booth,
    sum(toInt64(sign)),
    sum(toInt64(sign) * (ended_at IS NOT NULL)),
    sum(toInt64(sign) * notEmpty(classes)),
    sum(sign * wait_ms),
    sum(sign * if(ended_at IS NOT NULL, talk_ms, 0)),
    sum(sign * if(ended_at IS NOT NULL, hold_ms, 0)),
    sum(toInt64(sign) * transfers),
    sumMap(([toUInt16(least(if(outcome = 'answered', intDiv(wait_ms + 999, 1000), intDiv(wait_ms, 1000)), 3601))], [toInt64(sign)])),
    sumMap((CAST(classes, 'Array(String)'), arrayMap(c -> toInt64(sign), classes)))
FROM call_facts
WHERE outcome != 'ivr' AND (SELECT count() FROM call_hourly) = 0
GROUP BY hotline, hour, outcome, booth;
