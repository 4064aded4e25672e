/**
 * Exports of a chart, entirely in the browser: its table as CSV (RFC 4180), its picture as a
 * self-contained SVG (styles inlined, light colours, title, period, source line and generated
 * date drawn in) and as a PNG of a stated pixel size rendered from that SVG on a canvas.
 */
import { SOURCE_LINE, type ChartTable } from './types';

/** Logical size of an exported picture (CSS pixels); the PNG is drawn at twice this. */
export const EXPORT_SIZE = { width: 800, height: 450 } as const;
export const PNG_SIZE = { width: 1600, height: 900 } as const;
/** Width the chart is laid out at for an export (the picture less its side margins). */
export const EXPORT_CHART_WIDTH = EXPORT_SIZE.width - 48;

/** One RFC 4180 field: quoted when it holds a comma, quote or line break; quotes doubled. */
function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The table as CSV: a header row of column labels, one record per row, CRLF line ends. */
export function tableCsv(table: ChartTable): string {
	const lines = [table.columns.map((column) => csvField(column.label)).join(',')];
	for (const row of table.rows) lines.push([row.header.csv, ...row.cells.map((cell) => cell.csv)].map(csvField).join(','));
	return lines.join('\r\n') + '\r\n';
}

/** Offers a file for download (a temporary object URL on a link that is clicked, then revoked). */
export function downloadBlob(blob: Blob, fileName: string): void {
	const url = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = url;
	link.download = fileName;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Lower-case ASCII words joined by dashes, for file names ("Thirrjet e ofruara" → "thirrjet-e-ofruara"). */
export function fileSlug(text: string): string {
	return (
		text
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 60) || 'chart'
	);
}

/** What is drawn around the chart in an exported picture. */
export interface ExportMeta {
	title: string;
	/** The period (and filters) the chart shows. */
	subtitle: string;
	/** "Generated 28 Nov 2026, 21:40", already translated. */
	generated: string;
	source?: string;
}

/** Style properties copied from the page onto each exported element (so the file needs no CSS). */
const INLINED = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'stroke-linecap',
	'stroke-linejoin',
	'opacity',
	'font-family',
	'font-size',
	'font-weight',
	'font-variant-numeric',
	'text-anchor',
	'dominant-baseline',
	'paint-order',
	'visibility',
	'stop-color',
	'stop-opacity'
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

function svgElement<K extends keyof SVGElementTagNameMap>(name: K, attributes: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
	const element = document.createElementNS(SVG_NS, name);
	for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
	if (text !== undefined) element.textContent = text;
	return element;
}

/**
 * A copy of the chart with every element's computed style written inline, computed in the light
 * theme (an export is read on paper and white slides whatever the screen's theme). Elements
 * marked `data-export="skip"` (focus and hover marks) are left out.
 */
function inlinedCopy(chart: SVGSVGElement): { copy: SVGSVGElement; colors: { background: string; text: string; muted: string; rule: string } } {
	const holder = document.createElement('div');
	holder.className = 'alo-chart alo-chart-light';
	holder.setAttribute('aria-hidden', 'true');
	// Out of sight by position and opacity (not visibility: that would be inherited and inlined).
	holder.style.cssText = 'position:fixed;left:-20000px;top:0;opacity:0;pointer-events:none;';
	const copy = chart.cloneNode(true) as SVGSVGElement;
	holder.append(copy);
	document.body.append(holder);
	try {
		for (const skipped of copy.querySelectorAll('[data-export="skip"]')) skipped.remove();
		// Framework markers (<!--[-->) mean nothing in a file.
		const comments = document.createTreeWalker(copy, NodeFilter.SHOW_COMMENT);
		const dropped: Node[] = [];
		while (comments.nextNode()) dropped.push(comments.currentNode);
		for (const comment of dropped) comment.parentNode?.removeChild(comment);
		// All styles are read first: removing a class while reading would unstyle what follows.
		const elements = [copy, ...copy.querySelectorAll<SVGElement>('*')];
		const computed = new Map(elements.map((element) => [element, getComputedStyle(element)]));
		// An inherited property is written only where it differs from the parent's: smaller files.
		const styles = elements.map((element) => {
			const own = computed.get(element)!;
			const parent = element === copy ? undefined : computed.get(element.parentElement as unknown as SVGElement);
			return INLINED.map((name) => [name, own.getPropertyValue(name)] as const)
				.filter(([name, value]) => {
					if (!value || value === 'normal' || value === 'auto') return false;
					if (name === 'stop-color' || name === 'stop-opacity') return element.tagName === 'stop';
					if (name === 'opacity') return value !== '1';
					return !parent || parent.getPropertyValue(name) !== value;
				})
				.map(([name, value]) => `${name}:${value}`)
				.join(';');
		});
		elements.forEach((element, index) => {
			element.setAttribute('style', styles[index]);
			element.removeAttribute('class');
			element.removeAttribute('tabindex');
		});
		const scope = getComputedStyle(holder);
		const colors = {
			background: scope.getPropertyValue('--chart-bg').trim() || '#ffffff',
			text: scope.getPropertyValue('--chart-text').trim() || '#15202b',
			muted: scope.getPropertyValue('--chart-muted').trim() || '#4a5868',
			rule: scope.getPropertyValue('--chart-grid').trim() || '#d5dce4'
		};
		return { copy, colors };
	} finally {
		holder.remove();
	}
}

/** The export picture as an SVG document (text): title, period, chart, source line, date. */
export function exportSvg(chart: SVGSVGElement, meta: ExportMeta): string {
	const { width, height } = EXPORT_SIZE;
	const { copy, colors } = inlinedCopy(chart);
	const family = getComputedStyle(chart).fontFamily || 'sans-serif';
	const root = svgElement('svg', { xmlns: SVG_NS, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'font-family': family });
	root.append(svgElement('title', {}, `${meta.title} — ${meta.subtitle}`));
	root.append(svgElement('rect', { x: 0, y: 0, width, height, fill: colors.background }));
	root.append(svgElement('text', { x: 24, y: 34, 'font-size': 20, 'font-weight': 700, fill: colors.text }, meta.title));
	root.append(svgElement('text', { x: 24, y: 56, 'font-size': 13, fill: colors.muted }, meta.subtitle));
	const top = 70;
	const bottom = 38;
	const viewBox = chart.getAttribute('viewBox') ?? `0 0 ${chart.clientWidth} ${chart.clientHeight}`;
	const frame = svgElement('svg', { x: 24, y: top, width: EXPORT_CHART_WIDTH, height: height - top - bottom, viewBox, preserveAspectRatio: 'xMidYMin meet', overflow: 'visible' });
	frame.setAttribute('style', copy.getAttribute('style') ?? '');
	for (const child of [...copy.childNodes]) frame.append(child);
	root.append(frame);
	root.append(svgElement('line', { x1: 24, x2: width - 24, y1: height - bottom + 8, y2: height - bottom + 8, stroke: colors.rule, 'stroke-width': 1 }));
	root.append(svgElement('text', { x: 24, y: height - 14, 'font-size': 11, fill: colors.muted }, meta.source ?? SOURCE_LINE));
	root.append(svgElement('text', { x: width - 24, y: height - 14, 'font-size': 11, fill: colors.muted, 'text-anchor': 'end' }, meta.generated));
	return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}\n`;
}

/** An exported SVG (from exportSvg) as a PNG of PNG_SIZE pixels, white background. */
export async function svgToPng(text: string): Promise<Blob> {
	const image = new Image(PNG_SIZE.width, PNG_SIZE.height);
	image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
	await image.decode();
	const canvas = document.createElement('canvas');
	canvas.width = PNG_SIZE.width;
	canvas.height = PNG_SIZE.height;
	const context = canvas.getContext('2d');
	if (!context) throw new Error('no 2D canvas');
	context.fillStyle = '#ffffff';
	context.fillRect(0, 0, canvas.width, canvas.height);
	context.drawImage(image, 0, 0, canvas.width, canvas.height);
	return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed'))), 'image/png'));
}
