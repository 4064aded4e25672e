-- The latest state of each booth seen in the last {days} days, for rebuilding live state.
SELECT
    toString(booth) AS booth,
    toString(argMax(state, (ts, id))) AS state,
    toUnixTimestamp64Milli(max(ts)) AS sinceMs,
    toString(argMax(reason, (ts, id))) AS reason,
    toString(argMax(operator, (ts, id))) AS operator
FROM booth_states
WHERE hotline = {hotline:String}
  AND ts >= now64(3) - toIntervalDay({days:UInt16})
GROUP BY booth
ORDER BY booth
