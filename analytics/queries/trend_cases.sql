-- One kind of case event ({type}, codes only) per period start in the hotline's time zone, for
-- [from, to), broken down by one code ({by}: missingType, priority, ageBand, area, crossBorder,
-- status, partner, action; empty for none): counts, duration sums and late answers (slower than
-- expected). {repeatOnly} = 1 keeps only repeat episodes (episode > 1).
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
    multiIf(
        {by:String} = 'missingType', toString(missing_type),
        {by:String} = 'priority', toString(priority),
        {by:String} = 'ageBand', toString(age_band),
        {by:String} = 'area', toString(area),
        {by:String} = 'crossBorder', if(cross_border = 1, 'yes', 'no'),
        {by:String} = 'status', toString(status),
        {by:String} = 'partner', toString(partner),
        {by:String} = 'action', toString(action),
        ''
    ) AS key,
    count() AS events,
    sum(ifNull(duration_s, 0)) AS durationSum,
    countIf(duration_s IS NOT NULL) AS durationCount,
    countIf(duration_s > expected_s) AS late
FROM case_events
WHERE hotline = {hotline:String}
  AND type = {type:String}
  AND ts >= period_start
  AND ts < period_end
  AND (NOT {repeatOnly:UInt8} OR episode > 1)
GROUP BY bucket, key
ORDER BY bucket, key
