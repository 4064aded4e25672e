-- Rebuilds these hours of call_hourly from the signed call_facts rows (after a crash may have
-- stopped the view between a call_facts insert and its rollup). Same expressions as the view in
-- migration 0010 (0005 plus the talk histogram).
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
    sumMap((CAST(classes, 'Array(String)'), arrayMap(c -> toInt64(sign), classes))),
    sumMap((if(outcome = 'answered' AND ended_at IS NOT NULL, [toUInt16(least(intDiv(talk_ms, 5000) * 5, 3600))], []), if(outcome = 'answered' AND ended_at IS NOT NULL, [toInt64(sign)], [])))
FROM call_facts
WHERE outcome != 'ivr'
  AND (hotline, toDateTime(toStartOfHour(queued_at), 'UTC')) IN {hours:Array(Tuple(String, DateTime('UTC')))}
GROUP BY hotline, hour, outcome, booth
