-- The facts of these calls as their events now say (the single definition lives in the view).
SELECT *
FROM call_facts_current
WHERE (hotline, call_id) IN {calls:Array(Tuple(String, String))}
ORDER BY hotline, call_id
