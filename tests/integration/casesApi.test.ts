/**
 * `/api/v1/cases` on a running server: an API key with scope `cases` and signed-in people under
 * the same permissions and audit; the README's examples work as written; refusals are clear.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startServer, type RunningServer } from '../helpers/server';

describe('cases JSON API', () => {
	let server: RunningServer;
	let key: string;
	let operator: { cookie: string };
	let advocacy: { cookie: string };

	beforeAll(async () => {
		server = await startServer();
		key = await server.createKey('cases', 'police-bridge');
		operator = await signIn(server, 'operator', 'Ana Hoxha');
		advocacy = await signIn(server, 'advocacy');
	}, 90_000);
	afterAll(async () => {
		await server?.stop();
		server?.cleanup();
	});

	const call = (path: string, init: { method?: string; body?: unknown; auth?: string; cookie?: string; type?: string } = {}) =>
		fetch(server.url + path, {
			method: init.method ?? 'GET',
			headers: {
				...(init.auth ? { authorization: `Bearer ${init.auth}` } : {}),
				...(init.cookie ? { cookie: init.cookie, origin: server.url } : {}),
				...(init.body !== undefined ? { 'content-type': init.type ?? 'application/json' } : {})
			},
			body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body)
		});

	it('opens, reads, changes, refers and moves a case with an API key, audited under the key', async () => {
		const created = await call('/api/v1/cases', {
			method: 'POST',
			auth: key,
			body: {
				missingType: 'runaway',
				priority: 'high',
				risks: ['priorEpisodes'],
				child: { givenName: 'Arta', familyName: 'Krasniqi', age: 14, sex: 'female' },
				disappearance: { lastSeenAt: '2026-11-28T08:30:00+01:00', lastSeenPlace: 'Sheshi Skënderbej', area: 'AL-11' },
				reporter: { name: 'Mira Krasniqi', relation: 'mother', phone: '+355 69 000 0000' }
			}
		});
		expect(created.status).toBe(201);
		const { number, version } = (await created.json()) as { number: string; version: number };
		expect(created.headers.get('location')).toBe(`/api/v1/cases/${number}`);

		const read = await call(`/api/v1/cases/${number}`, { auth: key });
		expect(read.status).toBe(200);
		const detail = (await read.json()) as { child: { givenName: string; age: number }; disappearance: { area: string }; version: number; risks: Record<string, boolean> };
		expect(detail.child).toMatchObject({ givenName: 'Arta', age: 14 });
		expect(detail.disappearance.area).toBe('AL-11');
		expect(detail.risks).toEqual({ priorEpisodes: true });

		const patched = await call(`/api/v1/cases/${number}`, { method: 'PATCH', auth: key, body: { version, child: { description: 'Red jacket' } } });
		expect(patched.status).toBe(200);
		const stale = await call(`/api/v1/cases/${number}`, { method: 'PATCH', auth: key, body: { version, child: { description: 'Blue jacket' } } });
		expect(stale.status).toBe(409);
		expect(((await stale.json()) as { problem: string }).problem).toBe('conflict');

		const partners = (await (await call('/api/v1/partners', { auth: key })).json()) as { items: { id: string; kind: string }[] };
		const police = partners.items.find((partner) => partner.kind === 'state_police')!;
		const referred = await call(`/api/v1/cases/${number}/referrals`, { method: 'POST', auth: key, body: { partnerId: police.id, action: 'report_missing', request: 'Register', link: { hours: 24 } } });
		expect(referred.status).toBe(201);
		const referral = (await referred.json()) as { status: string; link: { url: string } };
		expect(referral.status).toBe('sent');
		expect(referral.link.url).toMatch(new RegExp(`^${server.url}/p/[a-z2-7]{32}$`));

		const moved = await call(`/api/v1/cases/${number}/status`, { method: 'POST', auth: key, body: { status: 'search_active' } });
		expect(moved.status).toBe(200);
		const wrong = await call(`/api/v1/cases/${number}/status`, { method: 'POST', auth: key, body: { status: 'aftercare' } });
		expect(wrong.status).toBe(400);
		expect(((await wrong.json()) as { problem: string }).problem).toBe('bad_transition');

		const list = (await (await call('/api/v1/cases?q=krasniqi&status=search_active', { auth: key })).json()) as { items: { number: string }[]; total: number };
		expect(list.items.map((item) => item.number)).toEqual([number]);

		// An admin reads the audit log: every call above is there under the key's name.
		const admin = await signIn(server, 'admin');
		const audit = await (await call('/admin/audit?actor=police-bridge', { cookie: admin.cookie })).text();
		for (const action of ['case.create', 'case.read', 'case.update', 'case.referral', 'case.status', 'case.search']) expect(audit, action).toContain(action);
	});

	it('serves signed-in operators, refuses advocacy and strangers', async () => {
		const created = await call('/api/v1/cases', { method: 'POST', cookie: operator.cookie, body: { missingType: 'other' } });
		expect(created.status).toBe(201);
		const { number } = (await created.json()) as { number: string };
		expect((await call(`/api/v1/cases/${number}`, { cookie: operator.cookie })).status).toBe(200);
		expect((await call(`/api/v1/cases/${number}`, { cookie: advocacy.cookie })).status).toBe(403);
		expect((await call('/api/v1/cases', { cookie: advocacy.cookie })).status).toBe(403);
		expect((await call(`/cases/${number}`, { cookie: advocacy.cookie })).status).toBe(403);
		expect((await call(`/api/v1/cases/${number}`)).status).toBe(401);
		const statsKey = await server.createKey('stats', 'dashboards');
		expect((await call(`/api/v1/cases/${number}`, { auth: statsKey })).status).toBe(403);
		expect((await call('/admin', { cookie: operator.cookie })).status).toBe(403);
		expect((await call('/admin/users', { cookie: operator.cookie })).status).toBe(403);
	});

	it('explains bad requests and loses nothing', async () => {
		const before = ((await (await call('/api/v1/cases', { auth: key })).json()) as { total: number }).total;
		const cases: [unknown, string | undefined, number, RegExp][] = [
			['{not json', 'application/json', 400, /not valid JSON/],
			[{ missingType: 'runaway' }, 'application/xml', 415, /application\/json/],
			[[1, 2], 'application/json', 400, /JSON object/],
			[{ missingType: 'runaway', nickname: 'x' }, 'application/json', 400, /nickname/],
			[{ missingType: 'runaway', child: { givenName: 'x'.repeat(201) } }, 'application/json', 400, /childGivenName is too long \(at most 200/],
			[{ missingType: 'runaway', disappearance: { lastSeenAt: 'yesterday' } }, 'application/json', 400, /ISO-8601/],
			[{ child: { givenName: 'No type' } }, 'application/json', 400, /missingType is required/]
		];
		for (const [body, type, status, message] of cases) {
			const response = await call('/api/v1/cases', { method: 'POST', auth: key, body, type });
			expect(response.status, JSON.stringify(body)).toBe(status);
			expect(((await response.json()) as { error: string }).error).toMatch(message);
		}
		expect((await call('/api/v1/cases?status=lost', { auth: key })).status).toBe(400);
		expect((await call('/api/v1/cases/116-2000-999999', { auth: key })).status).toBe(404);
		const after = ((await (await call('/api/v1/cases', { auth: key })).json()) as { total: number }).total;
		expect(after).toBe(before);
	});
});
