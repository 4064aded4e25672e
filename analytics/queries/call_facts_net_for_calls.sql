-- The net signed rows stored for these calls: rows whose signs do not cancel out.
SELECT * EXCEPT (sign), sum(sign) AS net
FROM call_facts
WHERE (hotline, call_id) IN {calls:Array(Tuple(String, String))}
GROUP BY ALL
HAVING net != 0
