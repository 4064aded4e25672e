/**
 * The configuration: every setting optional, bad values named together, and the hotline's KPI
 * thresholds T and S reaching the requests that default to them.
 */
import { describe, expect, it } from 'vitest';
import { summaryRequestFrom, trendRequestFrom } from '../../src/lib/server/analytics';
import { ConfigError, loadConfig } from '../../src/lib/server/config';

describe('configuration', () => {
	it('starts with no settings, on the KPI contract defaults', () => {
		const settings = loadConfig({});
		expect(settings).toMatchObject({ port: 3000, hotlineId: 'al-116000', timeZone: 'Europe/Tirane', kpi: { slThreshold: 20, shortAbandon: 5 } });
	});

	it('takes the hotline KPI thresholds, and requests default to them', () => {
		const settings = loadConfig({ SL_THRESHOLD_SECONDS: '30', SHORT_ABANDON_SECONDS: '10' });
		expect(settings.kpi).toEqual({ slThreshold: 30, shortAbandon: 10 });
		const defaults = { hotline: settings.hotlineId, timeZone: settings.timeZone, kpi: settings.kpi };
		const summaryRequest = summaryRequestFrom(new URLSearchParams('from=2026-11-01&to=2026-11-02'), defaults);
		expect([summaryRequest.slThreshold, summaryRequest.shortAbandon]).toEqual([30, 10]);
		const trendRequest = trendRequestFrom(new URLSearchParams('metric=serviceLevel&from=2026-11-01&to=2026-11-08&slThreshold=15'), defaults);
		expect([trendRequest.slThreshold, trendRequest.shortAbandon]).toEqual([15, 10]);
	});

	it('names every bad value at once and starts with none of them', () => {
		const bad = () => loadConfig({ PORT: 'eighty', SL_THRESHOLD_SECONDS: '20.5', SHORT_ABANDON_SECONDS: '-1', TZ_HOTLINE: 'Mars/Olympus' });
		expect(bad).toThrow(ConfigError);
		expect(bad).toThrow(/PORT must be a port number/);
		expect(bad).toThrow(/SL_THRESHOLD_SECONDS must be whole seconds from 0 to 3600, got "20\.5"/);
		expect(bad).toThrow(/SHORT_ABANDON_SECONDS must be whole seconds from 0 to 600, got "-1"/);
		expect(bad).toThrow(/TZ_HOTLINE must be an IANA time zone/);
	});
});
