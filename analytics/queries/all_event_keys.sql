-- Every stored (hotline, id), to fill the ingest dedup filter at start-up.
SELECT hotline, id FROM events
