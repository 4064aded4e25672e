-- Empties these hours of the call_hourly rollup before they are rebuilt from call_facts.
DELETE FROM call_hourly WHERE (hotline, hour) IN {hours:Array(Tuple(String, DateTime('UTC')))}
