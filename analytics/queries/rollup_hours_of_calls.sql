-- The (hotline, hour) rollup buckets that rows of these calls fall in, old positions included.
SELECT DISTINCT hotline, toDateTime(toStartOfHour(queued_at), 'UTC') AS hour
FROM call_facts
WHERE (hotline, call_id) IN {calls:Array(Tuple(String, String))}
  AND outcome != 'ivr'
