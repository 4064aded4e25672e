-- Call figures per period start (hour, day, week, month or year in the hotline's time zone) for
-- the calls queued in [from, to), per outcome and booth: whole hours from the call_hourly rollup,
-- partial hours at either end from the signed call_facts rows (as stats_period.sql). Weeks start
-- on Monday. An empty booth filter means every booth. Service-level and short-abandon counts are
-- taken from the wait histograms row by row (threshold T and S in whole seconds, as the rollup's
-- buckets); merging the histograms themselves is left to trend_histograms.sql, which only the
-- percentiles and distributions need.
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end,
    toDateTime(toStartOfHour(period_start), 'UTC') AS start_hour,
    if(toDateTime64(start_hour, 3, 'UTC') = period_start, start_hour, start_hour + 3600) AS first_full_hour,
    toDateTime(toStartOfHour(period_end), 'UTC') AS end_full_hour
SELECT
    toUnixTimestamp(multiIf(
        {granularity:String} = 'hour', toStartOfHour(toDateTime(at, {tz:String})),
        {granularity:String} = 'day', toDateTime(toStartOfDay(toDateTime(at, {tz:String})), {tz:String}),
        {granularity:String} = 'week', toDateTime(toMonday(toDateTime(at, {tz:String})), {tz:String}),
        {granularity:String} = 'month', toDateTime(toStartOfMonth(toDateTime(at, {tz:String})), {tz:String}),
        toDateTime(toStartOfYear(toDateTime(at, {tz:String})), {tz:String})
    )) AS bucket,
    toString(outcome) AS outcome,
    toString(booth) AS booth,
    sum(calls) AS calls,
    sum(completed) AS completed,
    sum(classified) AS classified,
    sum(wait_ms) AS waitMs,
    sum(talk_ms) AS talkMs,
    sum(hold_ms) AS holdMs,
    sum(transfers) AS transfers,
    sum(if(outcome = 'answered', arraySum((k, v) -> if(k <= {slThreshold:UInt16}, v, 0), wait_seconds.1, wait_seconds.2), 0)) AS within,
    sum(if(outcome = 'abandoned', arraySum((k, v) -> if(k < {shortAbandon:UInt16}, v, 0), wait_seconds.1, wait_seconds.2), 0)) AS short,
    sumMap(class_calls) AS classCalls
FROM
(
    SELECT hour AS at, outcome, booth, calls, completed, classified, wait_ms, talk_ms, hold_ms, transfers, wait_seconds, class_calls
    FROM call_hourly
    WHERE hotline = {hotline:String}
      AND hour >= first_full_hour
      AND hour < end_full_hour
      AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))

    UNION ALL

    SELECT
        toDateTime(queued_at, 'UTC') AS at,
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
      AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))
)
GROUP BY bucket, outcome, booth
HAVING calls != 0
ORDER BY bucket, outcome, booth
