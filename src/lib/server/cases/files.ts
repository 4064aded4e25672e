/**
 * Photos and documents attached to a case: the type is read from the content's first bytes (a
 * renamed file does not pass as a photo), and the size is bounded.
 */
import { CaseError } from './validate';

/** Largest file accepted, bytes (the HTTP body limit is 6 MB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export const FILE_KINDS = ['photo', 'document'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const ALLOWED: Record<FileKind, string[]> = {
	photo: ['image/jpeg', 'image/png', 'image/webp'],
	document: ['application/pdf', 'image/jpeg', 'image/png', 'image/webp']
};

/** The real type of the content, from its magic bytes; null when it is none we accept. */
export function sniffMime(content: Uint8Array): string | null {
	const starts = (...bytes: number[]) => bytes.every((byte, i) => content[i] === byte);
	if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
	if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...content.slice(8, 12)) === 'WEBP') return 'image/webp';
	if (String.fromCharCode(...content.slice(0, 5)) === '%PDF-') return 'application/pdf';
	return null;
}

export interface CheckedFile {
	kind: FileKind;
	filename: string;
	mime: string;
	content: Buffer;
}

export function checkFile(kind: FileKind, filename: string, content: Uint8Array): CheckedFile {
	if (content.byteLength === 0) throw new CaseError('file_empty', 'file');
	if (content.byteLength > MAX_FILE_BYTES) throw new CaseError('file_size', 'file', MAX_FILE_BYTES);
	const mime = sniffMime(content);
	if (!mime || !ALLOWED[kind].includes(mime)) throw new CaseError('file_type', 'file');
	const name = filename.replace(/[\u0000-\u001f\u007f/\\]/g, '').trim().slice(-120) || kind;
	return { kind, filename: name, mime, content: Buffer.from(content) };
}
