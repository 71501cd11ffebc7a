#!/usr/bin/env node
// `npm run dev`: Next's development server on 127.0.0.1 (or HOST), like `npm start`.
import { spawn } from 'node:child_process';
import { listenHost } from './listen-host.mjs';

const host = listenHost();
const args = ['next', 'dev', '-H', host, ...process.argv.slice(2)];
const server = spawn('npx', args, { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
