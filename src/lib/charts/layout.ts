/**
 * Layout helpers shared by the charts: text measurement (for margins and legends), the legend's
 * wrapping, the colour-blind-safe series palette and fill patterns, keyboard stepping.
 */

/** Number of distinct series styles (colour + pattern + marker); more series reuse them. */
export const SERIES_STYLES = 8;

/** Chart font sizes in CSS pixels (ticks and legend, axis titles). */
export const FONT = { tick: 12, legend: 13, axis: 12 } as const;

let context: CanvasRenderingContext2D | null | undefined;
let family = '';

/**
 * Width in pixels of a text at a font size. In the browser measured on a canvas with the page's
 * font; on the server (first paint) estimated, which the browser then corrects.
 */
export function textWidth(text: string, fontPx: number, weight = 400): number {
	if (typeof document !== 'undefined') {
		if (context === undefined) {
			context = document.createElement('canvas').getContext('2d');
			family = getComputedStyle(document.body).fontFamily || 'sans-serif';
		}
		if (context) {
			context.font = `${weight} ${fontPx}px ${family}`;
			return context.measureText(text).width;
		}
	}
	return text.length * fontPx * 0.56;
}

/** The colour of series `index` (CSS custom property set by ChartFrame for light and dark). */
export function seriesColor(index: number): string {
	return `var(--chart-s${(index % SERIES_STYLES) + 1})`;
}

/** Spacing of pattern lines and dots, in pixels. */
const TILE = 8;

/** A pixel position to a tenth of a pixel: finer is invisible and only makes the markup longer. */
export const tenth = (value: number) => Math.round(value * 10) / 10;
const round = tenth;

/** Segments of the lines x·a + y·b = c (c on the tile grid, plus `offset`) inside a rectangle. */
function lines(kind: '/' | '\\' | '-' | '|', offset: number, x0: number, y0: number, x1: number, y1: number): string {
	const parts: string[] = [];
	const first = (from: number) => Math.ceil((from - offset) / TILE) * TILE + offset;
	if (kind === '-') for (let y = first(y0); y <= y1; y += TILE) parts.push(`M${round(x0)},${round(y)}H${round(x1)}`);
	if (kind === '|') for (let x = first(x0); x <= x1; x += TILE) parts.push(`M${round(x)},${round(y0)}V${round(y1)}`);
	if (kind === '/')
		for (let c = first(x0 + y0); c <= x1 + y1; c += TILE) {
			const from = Math.max(x0, c - y1);
			const to = Math.min(x1, c - y0);
			if (to > from) parts.push(`M${round(from)},${round(c - from)}L${round(to)},${round(c - to)}`);
		}
	if (kind === '\\')
		for (let c = first(y0 - x1); c <= y1 - x0; c += TILE) {
			const from = Math.max(x0, y0 - c);
			const to = Math.min(x1, y1 - c);
			if (to > from) parts.push(`M${round(from)},${round(from + c)}L${round(to)},${round(to + c)}`);
		}
	return parts.join('');
}

/** Small squares on the tile grid (at 2 and 6 px of each tile, diagonally) inside a rectangle. */
function dots(x0: number, y0: number, x1: number, y1: number): string {
	const parts: string[] = [];
	const size = 1.8;
	for (let gy = Math.floor(y0 / TILE) * TILE; gy < y1; gy += TILE)
		for (let gx = Math.floor(x0 / TILE) * TILE; gx < x1; gx += TILE)
			for (const [dx, dy] of [
				[2, 2],
				[6, 6]
			]) {
				const x = gx + dx;
				const y = gy + dy;
				if (x >= x0 && y >= y0 && x + size <= x1 && y + size <= y1) parts.push(`M${round(x)},${round(y)}h${size}v${size}h-${size}Z`);
			}
	return parts.join('');
}

/**
 * The ink that tells series `style` apart without colour, drawn over its colour inside the
 * rectangle (x, y, width, height) as plain vector lines or dots. Patterns are aligned to the
 * chart (not the rectangle), so stacked segments continue each other's lines. Style 0 is plain.
 * (Not SVG <pattern> fills: a PDF printer rasterises every patterned shape into an image.)
 */
export function hatchPath(style: number, x: number, y: number, width: number, height: number): string {
	const x1 = x + width;
	const y1 = y + height;
	if (width <= 0 || height <= 0) return '';
	switch (style % SERIES_STYLES) {
		case 1:
			return lines('/', 0, x, y, x1, y1);
		case 2:
			return dots(x, y, x1, y1);
		case 3:
			return lines('-', 2, x, y, x1, y1) + lines('-', 6, x, y, x1, y1);
		case 4:
			return lines('/', 0, x, y, x1, y1) + lines('\\', 0, x, y, x1, y1);
		case 5:
			return lines('|', 2, x, y, x1, y1) + lines('|', 6, x, y, x1, y1);
		case 6:
			return lines('\\', 0, x, y, x1, y1);
		case 7:
			return lines('-', 4, x, y, x1, y1) + lines('|', 4, x, y, x1, y1);
		default:
			return '';
	}
}

/** Whether a style's ink is dots (filled) rather than lines (stroked). */
export const isDotted = (style: number) => style % SERIES_STYLES === 2;

/** Marker shapes for line series (drawn at each point), centred on 0,0, about 8 px wide. */
export const MARKER_PATHS: readonly string[] = [
	'M-3.5,0 a3.5,3.5 0 1,0 7,0 a3.5,3.5 0 1,0 -7,0',
	'M-3.2,-3.2 h6.4 v6.4 h-6.4 Z',
	'M0,-4.2 L3.8,3 L-3.8,3 Z',
	'M0,-4.4 L4.4,0 L0,4.4 L-4.4,0 Z',
	'M-3.8,-1.2 h2.6 v-2.6 h2.4 v2.6 h2.6 v2.4 h-2.6 v2.6 h-2.4 v-2.6 h-2.6 Z',
	'M0,4.2 L3.8,-3 L-3.8,-3 Z',
	'M-3.5,-3.5 L3.5,3.5 M3.5,-3.5 L-3.5,3.5',
	'M-4,0 h8 M0,-4 v8'
];

/** A legend entry: how its swatch is drawn. */
export interface LegendItem {
	key: string;
	label: string;
	/**
	 * `line`: a line with the series marker; `dashed`: a comparison line; `swatch`: a filled square
	 * with the pattern; `rule`: a target line; `suppressed`: the hollow mark of a "<5" point.
	 */
	kind: 'line' | 'dashed' | 'swatch' | 'rule' | 'suppressed';
	style: number;
}

export interface PlacedLegendItem extends LegendItem {
	x: number;
	y: number;
}

/** Width of a legend swatch and the gaps around items, in pixels. */
const SWATCH = 22;
const GAP = 18;
const ROW = 20;

/** Legend items flowed into rows of at most `width` pixels; `height` is the space they take. */
export function layoutLegend(items: LegendItem[], width: number): { items: PlacedLegendItem[]; height: number } {
	const placed: PlacedLegendItem[] = [];
	let x = 0;
	let y = 0;
	for (const item of items) {
		const itemWidth = SWATCH + 6 + textWidth(item.label, FONT.legend);
		if (x > 0 && x + itemWidth > width) {
			x = 0;
			y += ROW;
		}
		placed.push({ ...item, x, y });
		x += itemWidth + GAP;
	}
	return { items: placed, height: items.length ? y + ROW + 6 : 0 };
}

/**
 * The next index for an arrow key in a list (`columns` = 1) or a grid: Home/End jump to the ends.
 * Returns null for keys that do not move.
 */
export function stepIndex(key: string, index: number, count: number, columns = 1): number | null {
	if (count === 0) return null;
	const current = Math.max(0, Math.min(count - 1, index));
	const vertical = columns > 1;
	switch (key) {
		case 'ArrowRight':
			return Math.min(count - 1, current + 1);
		case 'ArrowLeft':
			return Math.max(0, current - 1);
		case 'ArrowDown':
			return vertical ? Math.min(count - 1, current + columns) : Math.min(count - 1, current + 1);
		case 'ArrowUp':
			return vertical ? Math.max(0, current - columns) : Math.max(0, current - 1);
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}

/** Roughly `count` tick positions out of `length` evenly spaced band indexes. */
export function tickIndexes(length: number, count: number): number[] {
	if (length <= 0) return [];
	const step = Math.max(1, Math.ceil(length / Math.max(1, count)));
	const indexes: number[] = [];
	for (let i = 0; i < length; i += step) indexes.push(i);
	return indexes;
}

/**
 * A value axis from 0: a rounded top and about `count` ticks. Durations tick in whole minutes,
 * hours or days once they are long; fractions (percentages) stop at 100 %.
 */
export function valueAxis(max: number, unit: 'count' | 'percent' | 'seconds', count = 5): { top: number; ticks: number[] } {
	const safeMax = Number.isFinite(max) && max > 0 ? max : unit === 'percent' ? 1 : 1;
	let step = 1;
	if (unit === 'seconds') {
		step = safeMax >= 2 * 86_400 ? 86_400 : safeMax >= 2 * 3600 ? 3600 : safeMax >= 120 ? 60 : 1;
	}
	const scaled = safeMax / step;
	const raw = scaled / count;
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const nice = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= raw) ?? 10 * magnitude;
	const increment = unit === 'count' && step === 1 ? Math.max(1, nice) : nice;
	let top = Math.ceil(scaled / increment) * increment;
	if (top === 0) top = increment;
	if (unit === 'percent' && top * step > 1 && safeMax <= 1) top = 1 / step;
	const ticks: number[] = [];
	for (let value = 0; value <= top + increment / 1000; value += increment) ticks.push(Math.round(value * step * 1e6) / 1e6);
	return { top: top * step, ticks };
}
