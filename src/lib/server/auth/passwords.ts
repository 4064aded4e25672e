/**
 * Passwords: argon2id hashes (@node-rs/argon2), a minimum length of 12, and a refusal of the
 * commonest passwords (the 49 k-word list of @zxcvbn-ts/language-common), also when they are only
 * padded with digits or symbols, or repeat or count a few characters.
 */
import { hash, verify } from '@node-rs/argon2';
import { createRequire } from 'node:module';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** argon2id with OWASP's second recommended profile: 19 MiB memory, 2 passes, 1 lane. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let commonPasswords: Set<string> | undefined;

function commonList(): Set<string> {
	if (!commonPasswords) {
		const require = createRequire(import.meta.url);
		const language = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
		commonPasswords = new Set(language.dictionary['passwords-common'].map((word) => word.toLowerCase()));
	}
	return commonPasswords;
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): PasswordProblem | null {
	if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
	if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
	const lower = password.toLowerCase();
	const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
	const common = commonList();
	if (common.has(lower) || (core.length >= 4 && common.has(core))) return 'too_common';
	if (new Set(lower).size <= 3) return 'too_common';
	if ('01234567890123456789'.includes(lower) || 'abcdefghijklmnopqrstuvwxyz'.includes(lower) || 'qwertyuiopasdfghjklzxcvbnm'.includes(lower)) return 'too_common';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so unknown usernames cannot be told apart by timing. */
export async function verifyNothing(password: string): Promise<false> {
	dummyHash ??= hashPassword('alo116-no-such-user-password');
	await verifyPassword(await dummyHash, password);
	return false;
}
