import { runningApp } from '$lib/server/http';
import type { LayoutServerLoad } from './$types';

/** Administration pages show times in the hotline's time zone, whatever the browser's. */
export const load: LayoutServerLoad = () => ({ timeZone: runningApp().settings.timeZone });
