-- call_state and booth_states are fed again by materialized views during the events insert (one
-- statement per commit instead of three). A crash between the events part and a view's part is
-- still safe: the ingest journal marks the window, and start-up re-derives it with
-- analytics/queries/derive_*.sql, which is idempotent. Keep these SELECTs equal to those queries.
CREATE MATERIALIZED VIEW IF NOT EXISTS call_state_feed {{ON_CLUSTER}} TO call_state AS
SELECT
    hotline,
    call_id,
    min(ts) AS first_ts,
    minIfOrNull(ts, type = 'call.offered') AS offered_at,
    minIfOrNull(ts, type = 'call.queued') AS queued_at,
    minIfOrNull(ts, type = 'call.answered') AS answered_at,
    maxIfOrNull(ts, type = 'call.ended') AS ended_at,
    minIfOrNull(ts, type = 'call.abandoned') AS abandoned_at,
    minIfOrNull(ts, type = 'call.timeout') AS timeout_at,
    groupUniqArrayIf(ts, type = 'call.held') AS held_ts,
    groupUniqArrayIf(ts, type = 'call.resumed') AS resumed_ts,
    groupUniqArrayIf(id, type = 'call.transferred') AS transfer_ids,
    argMinStateIf(toString(booth), ts, type = 'call.answered') AS answer_booth,
    argMaxStateIf(toString(booth), ts, booth != '') AS last_booth,
    argMinStateIf(toString(operator), ts, operator != '') AS answer_operator,
    argMaxStateIf(CAST(classes, 'Array(String)'), ts, type = 'call.classified') AS classes,
    argMaxStateIf(case_id, ts, case_id != '') AS case_id,
    argMaxStateIf(toString(ended_by), ts, type = 'call.ended') AS ended_by,
    argMinStateIf(toString(reason), ts, type = 'call.timeout') AS timeout_reason,
    argMinStateIf(toString(line), ts, line != '') AS line
FROM events
WHERE call_id != '' AND startsWith(type, 'call.')
GROUP BY hotline, call_id;

CREATE MATERIALIZED VIEW IF NOT EXISTS booth_states_feed {{ON_CLUSTER}} TO booth_states AS
SELECT hotline, booth, ts, id, state, reason, operator
FROM events
WHERE type = 'booth.state';
