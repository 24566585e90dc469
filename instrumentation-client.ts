/**
 * Runs in the browser before the app's own modules. zod 4 probes `new Function` whenever it builds
 * an object schema, to compile a faster parser; this app's CSP has no 'unsafe-eval', so the probe
 * fails as it should, but the browser reports a CSP violation for it. `jitless` skips the probe and
 * zod parses the same way without generated code. Set on zod's global configuration object (what
 * `z.config` writes) so that it holds before any module has imported zod.
 */
const zodGlobal = globalThis as { __zod_globalConfig?: Record<string, unknown> };
(zodGlobal.__zod_globalConfig ??= {}).jitless = true;
