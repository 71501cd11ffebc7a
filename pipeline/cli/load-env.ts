import { existsSync } from 'node:fs';
import { servicesEnvFilePath } from '../services/services-env-file';

/**
 * Loads `.env` (service URLs, PIPELINE_TIER; see .env.example), then the addresses `npm run services -- up`
 * wrote, before any command module reads the environment. Imported first by pipeline/cli.ts, and only acts when
 * the CLI is the entry point, so tests never pick up a developer's .env. Real environment variables win over
 * .env, and .env wins over the generated file (loadEnvFile never replaces a variable that is already set).
 */
const isEntryPoint = process.argv[1] !== undefined && /pipeline[\\/]cli\.ts$/.test(process.argv[1]);
if (isEntryPoint && existsSync('.env')) process.loadEnvFile('.env');
if (isEntryPoint && existsSync(servicesEnvFilePath())) process.loadEnvFile(servicesEnvFilePath());
