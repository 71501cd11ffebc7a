import { existsSync } from 'node:fs';

/**
 * Loads `.env` (service URLs, PIPELINE_TIER; see .env.example) before any command module reads the
 * environment. Imported first by pipeline/cli.ts, and only acts when the CLI is the entry point, so tests never
 * pick up a developer's .env. Real environment variables win over the file.
 */
const isEntryPoint = process.argv[1] !== undefined && /pipeline[\\/]cli\.ts$/.test(process.argv[1]);
if (isEntryPoint && existsSync('.env')) process.loadEnvFile('.env');
