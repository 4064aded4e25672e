-- Synthetic call facts for the query benchmark: {calls} calls of hotline 'bench' spread evenly
-- over {spanDays} days from 2024-01-01, with outcomes, waits, talk, booths, operators (12, in
-- 8-hour shifts at the 4 booths) and classes.
INSERT INTO call_facts
SELECT
    'bench' AS hotline,
    toString(number) AS call_id,
    toDateTime64('2024-01-01 00:00:00', 3, 'UTC') + toIntervalMillisecond(intDiv(number * {spanDays:UInt64} * 86400000, {calls:UInt64})) AS queued_at,
    true AS was_queued,
    multiIf(cityHash64(number, 1) % 100 < 84, 'answered', cityHash64(number, 1) % 100 < 98, 'abandoned', 'timed_out') AS outcome,
    if(outcome = 'answered', queued_at + toIntervalMillisecond(wait_ms), NULL) AS answered_at,
    if(outcome = 'answered', queued_at + toIntervalMillisecond(wait_ms + talk_ms + hold_ms), NULL) AS ended_at,
    queued_at + toIntervalMillisecond(wait_ms) AS left_queue_at,
    toInt64(cityHash64(number, 2) % 120000) AS wait_ms,
    toInt64(if(cityHash64(number, 3) % 10 = 0, cityHash64(number, 4) % 60000, 0)) AS hold_ms,
    toInt64(if(outcome = 'answered', 15000 + cityHash64(number, 5) % 600000, 0)) AS talk_ms,
    if(outcome = 'answered', toString(1 + cityHash64(number, 6) % 4), '') AS booth,
    if(outcome = 'answered', concat('op-', toString(1 + (toUInt64(booth) - 1 + intDiv(intDiv(number * {spanDays:UInt64} * 86400000, {calls:UInt64}), 28800000) * 4) % 12)), '') AS operator,
    if(outcome = 'answered', arraySlice(['counseling', 'info_child', 'info_parent', 'localization', 'info_professional', 'referral'], 1 + cityHash64(number, 7) % 6, 1 + cityHash64(number, 8) % 2), []) AS classes,
    '' AS case_id,
    '' AS ended_by,
    '' AS timeout_reason,
    toUInt16(0) AS transfers,
    '' AS line,
    toInt8(1) AS sign
FROM numbers({calls:UInt64})
