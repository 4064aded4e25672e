-- The calls with events received at or after {fromMs}: what recovery must reconcile.
SELECT DISTINCT hotline, call_id
FROM events
WHERE received_at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC')
  AND call_id != ''
  AND startsWith(type, 'call.')
