/**
 * Where a form may send the browser afterwards. `redirectTo` comes from a form or a query string
 * and so from anyone: only a path on this site is followed. Anything else ("https://evil.example",
 * "//evil.example", "/\evil.example", "javascript:…") gives `fallback`, so no form of the app can
 * be used as an open redirect.
 */
export function safeRedirectTarget(redirectTo: unknown, siteOrigin: string, fallback = '/'): string {
	if (typeof redirectTo !== 'string' || !redirectTo.startsWith('/')) return fallback;
	// Browsers treat "\" like "/" and drop tabs/newlines, so "/\evil" or "/\t/evil" would leave the site.
	if (/[\\\u0000-\u001f\u007f]/.test(redirectTo) || redirectTo.startsWith('//')) return fallback;
	let target: URL;
	try {
		target = new URL(redirectTo, siteOrigin);
	} catch {
		return fallback;
	}
	if (target.origin !== siteOrigin) return fallback;
	return target.pathname + target.search + target.hash;
}
