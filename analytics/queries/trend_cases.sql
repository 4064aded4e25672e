-- Case events (codes only) per period start in the hotline's time zone, for [from, to): one row per
-- bucket, event type and breakdown codes, with counts and duration sums. Repeat episodes are
-- case.opened rows with episode > 1; late answers are partner_responded rows slower than expected.
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT
    toUnixTimestamp(multiIf(
        {granularity:String} = 'hour', toStartOfHour(toDateTime(ts, {tz:String})),
        {granularity:String} = 'day', toDateTime(toStartOfDay(toDateTime(ts, {tz:String})), {tz:String}),
        {granularity:String} = 'week', toDateTime(toMonday(toDateTime(ts, {tz:String})), {tz:String}),
        {granularity:String} = 'month', toDateTime(toStartOfMonth(toDateTime(ts, {tz:String})), {tz:String}),
        toDateTime(toStartOfYear(toDateTime(ts, {tz:String})), {tz:String})
    )) AS bucket,
    toString(type) AS type,
    toString(missing_type) AS missingType,
    toString(priority) AS priority,
    toString(age_band) AS ageBand,
    toString(area) AS area,
    toString(status) AS status,
    toString(partner) AS partner,
    toString(action) AS action,
    cross_border AS crossBorder,
    episode > 1 AS repeat,
    count() AS events,
    uniqExact(case_id) AS cases,
    sum(ifNull(duration_s, 0)) AS durationSum,
    countIf(duration_s IS NOT NULL) AS durationCount,
    countIf(duration_s > expected_s) AS late,
    groupArrayIf(duration_s, type IN ('case.located', 'case.partner_responded') AND duration_s IS NOT NULL) AS durations
FROM case_events FINAL
WHERE hotline = {hotline:String}
  AND ts >= period_start
  AND ts < period_end
GROUP BY bucket, type, missingType, priority, ageBand, area, status, partner, action, crossBorder, repeat
ORDER BY bucket
