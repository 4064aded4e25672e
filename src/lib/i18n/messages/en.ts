import type { Messages } from './sq';

/**
 * English. Typed as `Messages`, so TypeScript rejects a missing key and (object-literal excess
 * property check) a key Albanian does not have. Parameters and backtick code as in `sq.ts`.
 */
export const en: Messages = {
	'app.name': 'Alo116',
	'app.hotline': 'ALO 116-000',
	'app.tagline': '116 000 hotline for missing children',

	'shell.skipToContent': 'Skip to main content',
	'shell.homeLink': 'Alo116, home page',
	'shell.nav.label': 'Main navigation',
	'shell.nav.home': 'Home',
	'shell.nav.modules': 'Modules',
	'shell.nav.events': 'Events API',
	'shell.nav.summary': 'Statistics API',
	'shell.nav.keys': 'API keys',
	'shell.footer.about':
		'Alo116 is the operations platform of the 116 000 hotline for missing children, built for ALO 116-000 and for any 116 000 or 116 111 hotline.',
	'shell.footer.privacy': 'Statistics never contain names, phone numbers or free text.',

	'language.label': 'Language',
	'language.switchTo': 'Switch the language to {language}',

	'status.available': 'Available',
	'status.coming': 'Coming',

	'copy.button': 'Copy',
	'copy.buttonLabel': 'Copy: {label}',
	'copy.done': 'Copied',
	'copy.failed': 'Copy failed — select the text',

	'home.title': 'Alo116 — the ALO 116-000 operations platform',
	'home.eyebrow': 'ALO 116-000 · Albania',
	'home.heading': 'The operations platform of the 116 000 hotline for missing children',
	'home.lead':
		'In Albania, the 116 000 hotline for missing children is operated by ALO 116-000, 24 hours a day, 7 days a week, together with the State Police, Interpol, embassies, child-protection services, the judiciary and mobile operators.',
	'home.lead2':
		'Alo116 collects call events from the telephone exchange and turns them into the figures the team needs: live for supervisors, case by case for operators, and as trends for management and advocacy.',
	'home.cta.api': 'API documentation',
	'home.cta.modules': 'Modules',
	'home.today.heading': 'Available today',
	'home.today.ingest': 'Call event ingest',
	'home.today.summary': 'KPI summary',
	'home.today.next': 'Coming: the supervisor wallboard, accounts, cases and trends.',

	'home.modules.heading': 'Who it is for',
	'home.modules.intro':
		'Every role gets its own view. Two parts work today; the others are being built and will appear here when they are ready.',
	'module.ingest.title': 'Event ingest',
	'module.ingest.audience': 'Telephone exchange and integrations',
	'module.ingest.text':
		'The PBX pushes call and booth events over HTTP. Every event is counted once, even when it is sent again or late.',
	'module.summary.title': 'KPI summary',
	'module.summary.audience': 'Management and reports',
	'module.summary.text':
		'Offered, answered and abandoned calls, average wait, service level and the classification mix, for any period.',
	'module.wallboard.title': 'Supervisor wallboard',
	'module.wallboard.audience': 'Supervisors',
	'module.wallboard.text':
		'Booth occupancy, calls waiting, longest wait, service level and alerts — live, readable from 5 metres away.',
	'module.cases.title': 'Cases',
	'module.cases.audience': 'Operators (counsellors)',
	'module.cases.text':
		'The current call, its classification, opening or linking a case, follow-ups due and partner actions.',
	'module.trends.title': 'Trends',
	'module.trends.audience': 'Management',
	'module.trends.text':
		'Call volumes, service quality, case outcomes and partner response times, across months and years.',
	'module.advocacy.title': 'Advocacy charts',
	'module.advocacy.audience': 'Advocacy staff',
	'module.advocacy.text':
		"Charts for reports and campaigns, exported as SVG, PNG and CSV — never with a child's identity.",
	'module.accounts.title': 'Accounts and settings',
	'module.accounts.audience': 'Administrators',
	'module.accounts.text': 'Users, roles, booths, partners, API keys and wall display tokens.',

	'api.heading': 'HTTP API',
	'api.intro':
		'Two endpoints are available. Each needs an API key in the `Authorization: Bearer <key>` header, with the right scope.',
	'api.scope': 'Key scope: {scope}',
	'api.response': 'Response',

	'api.keys.heading': 'Creating a key',
	'api.keys.text':
		'Keys are created with the `alo` command on the application server, whether it is running or stopped. Each key has a name and one or more scopes: `ingest` to send events, `stats` to read statistics.',
	'api.keys.example': 'Create a key for the PBX',
	'api.keys.note':
		'The key is shown only once, on the last line: keep it somewhere safe. Give every system its own key, with only the scopes it needs.',
	'api.keys.variable': 'The examples below read the key from the environment variable `ALO_KEY`.',

	'api.events.heading': 'Sending call events',
	'api.events.text':
		'The request body is a JSON array or NDJSON (`application/x-ndjson`), up to {events} events or {size} per request.',
	'api.events.idempotency':
		'The `id` field is unique per event: an event sent again counts as a duplicate, not twice. One bad event never drops the batch — only that event is rejected, with its index and the reason. Events may arrive late and out of order.',
	'api.events.exampleJson': 'Example: JSON array',
	'api.events.exampleNdjson': 'Example: NDJSON from a file',
	'api.events.statuses':
		'`401` or `403` without a valid key, `400` when the body is not JSON or NDJSON, `413` over the limits.',
	'api.events.types': 'Event types',
	'api.events.typeColumn': 'Type',
	'api.events.meaningColumn': 'Meaning',
	'event.call.offered': 'The call reached the hotline (IVR)',
	'event.call.queued': 'The call entered the queue; the wait starts',
	'event.call.ringing': 'The call is offered to a booth',
	'event.call.answered': 'The call is connected to a booth; the wait ends',
	'event.call.held': 'The call was put on hold / taken back',
	'event.call.transferred': 'The call was transferred to a booth, queue or partner',
	'event.call.ended': 'The conversation is over (`endedBy`: caller, operator, system)',
	'event.call.abandoned': 'The caller hung up while waiting',
	'event.call.timeout': 'The call left the queue unanswered',
	'event.call.classified': 'The operator classified the call (`classes`)',
	'event.booth.state': 'A booth changed state (`state`)',
	'event.case': 'Case lifecycle — ids, codes and durations only',

	'api.summary.heading': 'KPI summary',
	'api.summary.text':
		"Returns the period's indicators as JSON numbers: rates as fractions from 0 to 1, durations in seconds; `null` when there is nothing to divide by (no calls).",
	'api.summary.period':
		"`from` is included, `to` is not. Each is a date `YYYY-MM-DD` (midnight in the hotline's time zone, {timeZone}) or an ISO-8601 date-time. A call belongs to the period in which it was queued.",
	'api.summary.options':
		'Optional: `hotline`, `slThreshold` (service-level threshold, default {slThreshold}) and `shortAbandon` (short-abandon threshold, default {shortAbandon}), both in seconds.',
	'api.summary.example': 'Example: the month of {month}',
	'api.summary.response': 'Response after the example events above (abridged)',
	'api.summary.fields': 'Main fields',
	'field.offered': 'calls that entered the queue',
	'field.answered': 'offered calls connected to a booth',
	'field.abandoned': 'offered calls the caller hung up while waiting',
	'field.asaSeconds': 'mean wait of answered calls',
	'field.serviceLevel': 'answered within the threshold ÷ (answered + abandoned − short abandons)',
	'field.abandonRate': 'abandoned ÷ offered',
	'field.avgTalkSeconds': 'mean talk time',
	'field.ahtSeconds': 'average handling time: talk + hold + wrap-up',

	'error.title': 'Error {status}',
	'error.code': 'Code {status}',
	'error.400.heading': 'Bad request',
	'error.400.text': 'The request could not be understood. Check the address or the form and try again.',
	'error.401.heading': 'Sign-in required',
	'error.401.text': 'This page needs you to be signed in.',
	'error.403.heading': 'Access denied',
	'error.403.text': 'Your account is not allowed to see this page. If you think this is wrong, tell an administrator.',
	'error.404.heading': 'Page not found',
	'error.404.text': 'The address may be wrong, or the page may not exist yet.',
	'error.generic.heading': 'Something went wrong',
	'error.generic.text':
		'An unexpected error occurred. Try again in a moment; if the problem persists, tell an administrator.',
	'error.detail': 'Details: {message}',
	'error.home': 'Back to the home page'
};
