/** The one PostgreSQL schema: every module's tables, re-exported for drizzle-kit and the client. */
export { apiKeys } from '../auth/schema';
export { booths } from '../booths/schema';
