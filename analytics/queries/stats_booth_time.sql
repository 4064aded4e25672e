-- Time booths spent in each state within [from, to) up to now ({nowMs}), per booth and the
-- operator each state names (the summary adds up booths, the trends operators); the spans are
-- those of the booth_state_spans view (migration 0011). {booths} limits the booths (empty: all).
SELECT toString(booth) AS booth, toString(operator) AS operator, toString(state) AS state, sum(e - s) AS ms
FROM booth_state_spans(hotline = {hotline:String}, since = {from:String}, until = {to:String}, tz = {tz:String}, nowMs = {nowMs:Int64}, booths = {booths:Array(String)})
GROUP BY booth, operator, state
ORDER BY booth, operator, state
