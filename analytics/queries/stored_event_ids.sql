-- Which of these (hotline, id) pairs are stored already: the ingest dedup check.
SELECT hotline, id
FROM events
WHERE (hotline, id) IN {keys:Array(Tuple(String, String))}
