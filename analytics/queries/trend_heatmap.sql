-- Offered and abandoned calls by weekday (1 = Monday) and hour of day in the hotline's time zone,
-- over the whole hours of [from, to) from the rollup (a staffing view: partial hours at the ends
-- are left out; periods are whole days in practice).
WITH
    parseDateTime64BestEffort({from:String}, 3, {tz:String}) AS period_start,
    parseDateTime64BestEffort({to:String}, 3, {tz:String}) AS period_end
SELECT
    toDayOfWeek(toDateTime(hour, {tz:String})) AS weekday,
    toHour(toDateTime(hour, {tz:String})) AS hourOfDay,
    sum(calls) AS offered,
    sumIf(calls, outcome = 'abandoned') AS abandoned,
    sumIf(calls, outcome = 'answered') AS answered
FROM call_hourly
WHERE hotline = {hotline:String}
  AND hour >= toDateTime(toStartOfHour(period_start), 'UTC')
  AND hour < toDateTime(period_end, 'UTC')
  AND outcome != 'ivr'
  AND (empty({booths:Array(String)}) OR has({booths:Array(String)}, toString(booth)))
GROUP BY weekday, hourOfDay
ORDER BY weekday, hourOfDay
