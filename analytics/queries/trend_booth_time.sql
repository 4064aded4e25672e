-- Booth state time per period bucket (hour, day, week, month or year in the hotline's time zone),
-- per booth and state, within [from, to) up to now ({nowMs}): occupancy and AHT over time. The
-- spans are those of the booth_state_spans view (migration 0011). A span inside one bucket is
-- summed into it (spanStart = spanEnd = 0); the few that cross a bucket edge come back one by one
-- with their span in epoch ms, for the caller to cut at the edges.
SELECT
    if(single, first_bucket, 0) AS bucketMs,
    toString(booth) AS booth,
    toString(state) AS state,
    if(single, 0, s) AS spanStart,
    if(single, 0, e) AS spanEnd,
    sum(e - s) AS ms
FROM
(
    SELECT
        booth,
        state,
        s,
        e,
        toInt64(toUnixTimestamp(toDateTime(dateTrunc({granularity:String}, toDateTime(intDiv(s, 1000), {tz:String}), {tz:String}), {tz:String}))) * 1000 AS first_bucket,
        toInt64(toUnixTimestamp(toDateTime(dateTrunc({granularity:String}, toDateTime(intDiv(e - 1, 1000), {tz:String}), {tz:String}), {tz:String}))) * 1000 AS last_bucket,
        first_bucket = last_bucket AS single
    FROM booth_state_spans(hotline = {hotline:String}, since = {from:String}, until = {to:String}, tz = {tz:String}, nowMs = {nowMs:Int64}, booths = {booths:Array(String)})
)
GROUP BY bucketMs, booth, state, spanStart, spanEnd
