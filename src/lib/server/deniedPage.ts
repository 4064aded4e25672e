/**
 * The page a browser gets when hooks.server.ts refuses a request before any route code runs
 * (so no load function of the refused page executes). Plain HTML in the user's language.
 */
import { translator, type Language, type PlainMessageKey } from '../i18n';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function deniedPage(lang: Language, status: 401 | 403 | 404, signedInAs: string | null): Response {
	const { t } = translator(lang);
	const heading = t(`error.${status}.heading` as PlainMessageKey);
	const text = t(`error.${status}.text` as PlainMessageKey);
	const who = signedInAs ? `<p class="who">${escapeHtml(t('auth.signedInAs', { name: signedInAs }))}</p>` : '';
	const html = `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('error.title', { status: String(status) }))} · ${escapeHtml(t('app.name'))}</title>
<link rel="icon" href="/favicon.svg">
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f5f7fa;color:#1b2430;display:grid;place-items:center;min-height:100vh}
main{max-width:34rem;padding:2.5rem;background:#fff;border:1px solid #dde3ea;border-radius:16px;box-shadow:0 4px 18px rgba(20,40,70,.08)}
.code{color:#b3261e;font-weight:700;letter-spacing:.04em;text-transform:uppercase;font-size:.85rem;margin:0}
h1{font-size:1.9rem;margin:.4rem 0 .8rem}p{line-height:1.55}.who{color:#566270;font-size:.95rem}
a{display:inline-block;margin-top:.6rem;padding:.6rem 1.1rem;border-radius:10px;background:#0b5cab;color:#fff;text-decoration:none;font-weight:600}
@media (prefers-color-scheme: dark){body{background:#0f141a;color:#e6ebf1}main{background:#171e26;border-color:#2a3440}.who{color:#9aa7b4}}
</style></head>
<body><main><p class="code">${escapeHtml(t('error.code', { status: String(status) }))}</p><h1>${escapeHtml(heading)}</h1><p>${escapeHtml(text)}</p>${who}<a href="/">${escapeHtml(t('error.home'))}</a></main></body></html>`;
	return new Response(html, {
		status,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; frame-ancestors 'none'"
		}
	});
}
