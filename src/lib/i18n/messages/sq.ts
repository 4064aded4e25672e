/**
 * Albanian, the default language and the reference catalogue: its keys define `MessageKey`, and
 * every other language must provide exactly these keys (see `en.ts`).
 *
 * `{name}` marks a parameter filled in by `t(key, { name })`. Text between backticks is shown
 * as code by `RichText.svelte`; nothing here is ever rendered as HTML.
 * Product names, HTTP paths, field names and event types stay untranslated on purpose: they are
 * what an integrator types.
 */
export const sq = {
	'app.name': 'Alo116',
	'app.hotline': 'ALO 116-000',
	'app.tagline': 'Linja telefonike 116 000 për fëmijët e zhdukur',

	'shell.skipToContent': 'Kalo te përmbajtja',
	'shell.homeLink': 'Alo116, faqja kryesore',
	'shell.nav.label': 'Navigimi kryesor',
	'shell.nav.home': 'Kreu',
	'shell.nav.modules': 'Modulet',
	'shell.nav.events': 'API e ngjarjeve',
	'shell.nav.summary': 'API e statistikave',
	'shell.nav.keys': 'Çelësat e API-së',
	'shell.footer.about':
		'Alo116 është platforma operative e linjës 116 000 për fëmijët e zhdukur, e ndërtuar për ALO 116-000 dhe për çdo linjë 116 000 ose 116 111.',
	'shell.footer.privacy': 'Statistikat nuk përmbajnë kurrë emra, numra telefoni apo tekst të lirë.',

	'language.label': 'Gjuha',
	'language.switchTo': 'Ndrysho gjuhën në {language}',

	'status.available': 'Në funksion',
	'status.coming': 'Në ndërtim',

	'copy.button': 'Kopjo',
	'copy.buttonLabel': 'Kopjo: {label}',
	'copy.done': 'U kopjua',
	'copy.failed': 'Kopjimi dështoi — përzgjidheni tekstin',

	'home.title': 'Alo116 — platforma operative e ALO 116-000',
	'home.eyebrow': 'ALO 116-000 · Shqipëri',
	'home.heading': 'Platforma operative e linjës 116 000 për fëmijët e zhdukur',
	'home.lead':
		'Linjën telefonike 116 000 për fëmijët e zhdukur në Shqipëri e drejton ALO 116-000, 24 orë në ditë, 7 ditë në javë, në bashkëpunim me Policinë e Shtetit, Interpolin, ambasadat, shërbimet e mbrojtjes së fëmijëve, sistemin e drejtësisë dhe operatorët e telefonisë celulare.',
	'home.lead2':
		'Alo116 mbledh ngjarjet e thirrjeve nga centrali telefonik dhe i kthen në shifrat që i duhen ekipit: në kohë reale për mbikëqyrësit, rast pas rasti për operatorët, dhe si tendenca për drejtuesit dhe për avokimin.',
	'home.cta.api': 'Dokumentimi i API-së',
	'home.cta.modules': 'Modulet',
	'home.today.heading': 'Në funksion sot',
	'home.today.ingest': 'Pranimi i ngjarjeve të thirrjeve',
	'home.today.summary': 'Përmbledhja e treguesve (KPI)',
	'home.today.next': 'Në ndërtim: paneli i mbikëqyrësit, llogaritë, rastet dhe tendencat.',

	'home.modules.heading': 'Për kë është',
	'home.modules.intro':
		'Çdo rol ka pamjen e vet. Dy pjesë funksionojnë sot; të tjerat janë në ndërtim dhe do të shfaqen këtu kur të jenë gati.',
	'module.ingest.title': 'Pranimi i ngjarjeve',
	'module.ingest.audience': 'Centrali telefonik dhe integrimet',
	'module.ingest.text':
		'Centrali (PBX) dërgon ngjarjet e thirrjeve dhe të kabinave përmes HTTP. Çdo ngjarje numërohet një herë, edhe kur dërgohet përsëri ose vonë.',
	'module.summary.title': 'Përmbledhja e treguesve',
	'module.summary.audience': 'Drejtuesit dhe raportet',
	'module.summary.text':
		'Thirrjet e ofruara, të përgjigjura dhe të braktisura, pritja mesatare, niveli i shërbimit dhe ndarja sipas klasifikimit, për çdo periudhë.',
	'module.wallboard.title': 'Paneli i mbikëqyrësit',
	'module.wallboard.audience': 'Mbikëqyrësit',
	'module.wallboard.text':
		'Gjendja e kabinave, thirrjet në pritje, pritja më e gjatë, niveli i shërbimit dhe sinjalizimet — drejtpërdrejt, i lexueshëm nga 5 metra larg.',
	'module.cases.title': 'Rastet',
	'module.cases.audience': 'Operatorët (këshilluesit)',
	'module.cases.text':
		'Thirrja në vazhdim, klasifikimi i saj, hapja ose lidhja e një rasti, detyrat në afat dhe veprimet e partnerëve.',
	'module.trends.title': 'Tendencat',
	'module.trends.audience': 'Drejtuesit',
	'module.trends.text':
		'Vëllimi i thirrjeve, cilësia e shërbimit, përfundimi i rasteve dhe koha e përgjigjes së partnerëve, nëpër muaj e vite.',
	'module.advocacy.title': 'Grafikët për avokim',
	'module.advocacy.audience': 'Stafi i avokimit',
	'module.advocacy.text':
		'Grafikë për raporte dhe fushata, të eksportueshëm në SVG, PNG dhe CSV — kurrë me identitetin e një fëmije.',
	'module.accounts.title': 'Llogaritë dhe cilësimet',
	'module.accounts.audience': 'Administratorët',
	'module.accounts.text':
		'Përdoruesit, rolet, kabinat, partnerët, çelësat e API-së dhe tokenët e ekraneve të murit.',

	'api.heading': 'API HTTP',
	'api.intro':
		'Dy pika fundore janë në funksion. Secila kërkon një çelës API në kokën `Authorization: Bearer <çelësi>`, me fushën e duhur të veprimit.',
	'api.scope': 'Fusha e çelësit: {scope}',
	'api.response': 'Përgjigja',

	'api.keys.heading': 'Krijimi i një çelësi',
	'api.keys.text':
		'Çelësat krijohen me komandën `alo` në serverin e aplikacionit, qoftë ai në punë apo i ndalur. Çdo çelës ka një emër dhe një ose më shumë fusha veprimi (scopes): `ingest` për dërgimin e ngjarjeve, `stats` për leximin e statistikave.',
	'api.keys.example': 'Krijo një çelës për centralin',
	'api.keys.note':
		'Çelësi shfaqet vetëm një herë, në rreshtin e fundit: ruajeni në një vend të sigurt. Jepini çdo sistemi çelësin e vet, vetëm me fushat që i duhen.',
	'api.keys.variable': 'Shembujt më poshtë e marrin çelësin nga variabli i mjedisit `ALO_KEY`.',

	'api.events.heading': 'Dërgimi i ngjarjeve të thirrjeve',
	'api.events.text':
		'Trupi i kërkesës është një varg JSON ose NDJSON (`application/x-ndjson`), deri në {events} ngjarje ose {size} për kërkesë.',
	'api.events.idempotency':
		'Fusha `id` është unike për çdo ngjarje: një ngjarje e dërguar përsëri numërohet si dublikatë, jo dy herë. Një ngjarje e gabuar nuk e rrëzon grupin — refuzohet vetëm ajo, me indeksin dhe arsyen. Ngjarjet mund të vijnë vonë dhe jashtë radhës.',
	'api.events.exampleJson': 'Shembull: varg JSON',
	'api.events.exampleNdjson': 'Shembull: NDJSON nga një skedar',
	'api.events.statuses':
		'`401` ose `403` pa një çelës të vlefshëm, `400` kur trupi nuk është JSON ose NDJSON, `413` mbi kufijtë.',
	'api.events.types': 'Llojet e ngjarjeve',
	'api.events.typeColumn': 'Lloji',
	'api.events.meaningColumn': 'Kuptimi',
	'event.call.offered': 'Thirrja arriti në linjë (IVR)',
	'event.call.queued': 'Thirrja hyri në radhë; fillon pritja',
	'event.call.ringing': 'Thirrja i ofrohet një kabine',
	'event.call.answered': 'Thirrja u lidh me një kabinë; mbaron pritja',
	'event.call.held': 'Thirrja u vendos në pritje / u rikthye në bisedë',
	'event.call.transferred': 'Thirrja u kalua te një kabinë, radhë ose partner',
	'event.call.ended': 'Biseda mbaroi (`endedBy`: caller, operator, system)',
	'event.call.abandoned': 'Telefonuesi e mbylli ndërsa priste',
	'event.call.timeout': 'Thirrja doli nga radha pa përgjigje',
	'event.call.classified': 'Operatori e klasifikoi thirrjen (`classes`)',
	'event.booth.state': 'Kabina ndryshoi gjendje (`state`)',
	'event.case': 'Cikli i jetës së një rasti — vetëm identifikues, kode dhe kohëzgjatje',

	'api.summary.heading': 'Përmbledhja e treguesve (KPI)',
	'api.summary.text':
		'Kthen treguesit e periudhës si numra JSON: normat si thyesa nga 0 në 1, kohëzgjatjet në sekonda; `null` kur nuk ka me çfarë të pjesëtohet (asnjë thirrje).',
	'api.summary.period':
		'`from` përfshihet, `to` jo. Secili është një datë `YYYY-MM-DD` (mesnata në zonën kohore të linjës, {timeZone}) ose një datë-orë ISO-8601. Një thirrje i përket periudhës në të cilën hyri në radhë.',
	'api.summary.options':
		'Opsionale: `hotline`, `slThreshold` (pragu i nivelit të shërbimit, parazgjedhur {slThreshold}) dhe `shortAbandon` (pragu i braktisjes së shkurtër, parazgjedhur {shortAbandon}), të dyja në sekonda.',
	'api.summary.example': 'Shembull: muaji {month}',
	'api.summary.response': 'Përgjigja pas ngjarjeve të shembujve më sipër (e shkurtuar)',
	'api.summary.fields': 'Fushat kryesore',
	'field.offered': 'thirrjet që hynë në radhë',
	'field.answered': 'thirrjet e ofruara që u lidhën me një kabinë',
	'field.abandoned': 'thirrjet që telefonuesi i mbylli gjatë pritjes',
	'field.asaSeconds': 'pritja mesatare e thirrjeve të përgjigjura',
	'field.serviceLevel':
		'të përgjigjura brenda pragut ÷ (të përgjigjura + të braktisura − braktisjet e shkurtra)',
	'field.abandonRate': 'të braktisura ÷ të ofruara',
	'field.avgTalkSeconds': 'kohëzgjatja mesatare e bisedës',
	'field.ahtSeconds': 'koha mesatare e trajtimit: bisedë + pritje + punë pas thirrjes',

	'error.title': 'Gabim {status}',
	'error.code': 'Kodi {status}',
	'error.400.heading': 'Kërkesë e pavlefshme',
	'error.400.text': 'Kërkesa nuk mund të kuptohej. Kontrolloni adresën ose formularin dhe provoni përsëri.',
	'error.401.heading': 'Duhet të identifikoheni',
	'error.401.text': 'Kjo faqe kërkon që të jeni të identifikuar.',
	'error.403.heading': 'Nuk keni leje',
	'error.403.text': 'Llogaria juaj nuk ka leje për këtë faqe. Nëse mendoni se është gabim, njoftoni administratorin.',
	'error.404.heading': 'Faqja nuk u gjet',
	'error.404.text': 'Adresa mund të jetë e gabuar, ose faqja mund të mos ekzistojë ende.',
	'error.generic.heading': 'Diçka shkoi keq',
	'error.generic.text':
		'Ndodhi një gabim i papritur. Provoni përsëri pas pak; nëse problemi vazhdon, njoftoni administratorin.',
	'error.detail': 'Hollësi: {message}',
	'error.home': 'Kthehu në faqen kryesore'
} as const;

export type MessageKey = keyof typeof sq;

/** The shape every language's catalogue must have: exactly Albanian's keys, any text. */
export type Messages = { readonly [K in MessageKey]: string };
