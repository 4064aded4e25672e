-- How many events are stored (sizes the ingest dedup filter).
SELECT count() AS events FROM events
