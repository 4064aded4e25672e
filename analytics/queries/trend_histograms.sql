-- Answered waits ({which} = 'wait', whole seconds) or talk times ({which} = 'talk', 5-second
-- steps) as a histogram per period start (granularity as in trend_calls.sql) for the calls queued
-- in [from, to): for percentiles and distributions only, since merging histograms is the costly
-- part of a trend (only the one asked for is read).
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
    sumMap(if({which:String} = 'wait', wait_seconds, talk_seconds)) AS seconds
FROM
(
    SELECT hour AS at, wait_seconds, talk_seconds
    FROM call_hourly
    WHERE hotline = {hotline:String}
      AND hour >= first_full_hour
      AND hour < end_full_hour
      AND outcome = 'answered'
      AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))

    UNION ALL

    SELECT
        toDateTime(queued_at, 'UTC') AS at,
        ([toUInt16(least(intDiv(call_facts.wait_ms + 999, 1000), 3601))], [toInt64(sign)]) AS wait_seconds,
        (if(ended_at IS NOT NULL, [toUInt16(least(intDiv(call_facts.talk_ms, 5000) * 5, 3600))], []), if(ended_at IS NOT NULL, [toInt64(sign)], [])) AS talk_seconds
    FROM call_facts
    WHERE hotline = {hotline:String}
      AND outcome = 'answered'
      AND queued_at >= period_start
      AND queued_at < period_end
      AND NOT (queued_at >= first_full_hour AND queued_at < end_full_hour)
      AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))
)
GROUP BY bucket
ORDER BY bucket
