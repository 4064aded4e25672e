-- The hotlines that have calls or case events, for the trends and reports pages' hotline filter.
-- Both tables are small next to the events (call_hourly: a row per hour, outcome and booth).
SELECT hotline
FROM
(
    SELECT DISTINCT toString(hotline) AS hotline FROM call_hourly
    UNION DISTINCT
    SELECT DISTINCT toString(hotline) AS hotline FROM case_events
)
ORDER BY hotline
