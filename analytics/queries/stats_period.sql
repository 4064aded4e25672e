-- Call figures of one hotline for the calls queued in [from, to), per outcome and booth: whole
-- hours from the call_hourly rollup, the partial hours at either end from the signed call_facts
-- rows. The wait bucket expression is the rollup's (see migration 0005).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end,
    toDateTime(toStartOfHour(period_start), 'UTC') AS start_hour,
    if(toDateTime64(start_hour, 3, 'UTC') = period_start, start_hour, start_hour + 3600) AS first_full_hour,
    toDateTime(toStartOfHour(period_end), 'UTC') AS end_full_hour
SELECT
    toString(outcome) AS outcome,
    toString(booth) AS booth,
    sum(calls) AS calls,
    sum(completed) AS completed,
    sum(classified) AS classified,
    sum(wait_ms) AS waitMs,
    sum(talk_ms) AS talkMs,
    sum(hold_ms) AS holdMs,
    sum(transfers) AS transfers,
    sumMap(wait_seconds) AS waitSeconds,
    sumMap(class_calls) AS classCalls
FROM
(
    SELECT outcome, booth, calls, completed, classified, wait_ms, talk_ms, hold_ms, transfers, wait_seconds, class_calls
    FROM call_hourly
    WHERE hotline = {hotline:String}
      AND hour >= first_full_hour
      AND hour < end_full_hour

    UNION ALL

    SELECT
        outcome,
        booth,
        toInt64(sign) AS calls,
        toInt64(sign) * (ended_at IS NOT NULL) AS completed,
        toInt64(sign) * notEmpty(classes) AS classified,
        sign * call_facts.wait_ms AS wait_ms,
        sign * if(ended_at IS NOT NULL, call_facts.talk_ms, 0) AS talk_ms,
        sign * if(ended_at IS NOT NULL, call_facts.hold_ms, 0) AS hold_ms,
        toInt64(sign) * call_facts.transfers AS transfers,
        ([toUInt16(least(if(outcome = 'answered', intDiv(call_facts.wait_ms + 999, 1000), intDiv(call_facts.wait_ms, 1000)), 3601))], [toInt64(sign)]) AS wait_seconds,
        (CAST(classes, 'Array(String)'), arrayMap(c -> toInt64(sign), classes)) AS class_calls
    FROM call_facts
    WHERE hotline = {hotline:String}
      AND outcome != 'ivr'
      AND queued_at >= period_start
      AND queued_at < period_end
      AND NOT (queued_at >= first_full_hour AND queued_at < end_full_hour)
)
GROUP BY outcome, booth
HAVING calls != 0
ORDER BY outcome, booth
