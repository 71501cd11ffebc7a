import type { NextConfig } from 'next';

// DuckDB-WASM needs 'wasm-unsafe-eval' to compile its engine and blob: workers; Monaco needs blob: workers
// and inline styles. Nothing is loaded from another origin: the engine is self-hosted under /duckdb.
const isDev = process.env.NODE_ENV !== 'production';
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'${isDev ? " 'unsafe-eval'" : ''}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders = [
  { key: 'Content-Security-Policy', value: contentSecurityPolicy },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

// DuckDB-WASM's engine (34 MB) and worker are pre-compressed once by scripts/copy-duckdb-assets.mjs into
// public/duckdb/<version>/. Rewrite each request to the .br or .gz file the client accepts and label it with
// Content-Encoding (Next's own compression then leaves it alone). The version in the path makes them immutable.
// Route handlers cannot do this: Next 16 strips Content-Encoding and Content-Length from their responses.
const acceptsBrotli = { type: 'header' as const, key: 'accept-encoding', value: '.*\\bbr\\b.*' };
const acceptsGzip = { type: 'header' as const, key: 'accept-encoding', value: '.*\\bgzip\\b.*' };
const duckdbAsset = '/duckdb/:version(\\d+\\.\\d+\\.\\d+)/:file(duckdb-[a-z-]+\\.(?:wasm|worker\\.js))';
const duckdbRewrites = [
  { source: duckdbAsset, has: [acceptsBrotli], destination: '/duckdb/:version/:file.br' },
  {
    source: duckdbAsset,
    has: [acceptsGzip],
    missing: [acceptsBrotli],
    destination: '/duckdb/:version/:file.gz',
  },
];
const immutable = { key: 'Cache-Control', value: 'public, max-age=31536000, immutable' };
const duckdbHeaders = [
  { source: duckdbAsset, headers: [immutable, { key: 'Vary', value: 'Accept-Encoding' }] },
  { source: duckdbAsset, has: [acceptsBrotli], headers: [{ key: 'Content-Encoding', value: 'br' }] },
  {
    source: duckdbAsset,
    has: [acceptsGzip],
    missing: [acceptsBrotli],
    headers: [{ key: 'Content-Encoding', value: 'gzip' }],
  },
  {
    source: '/duckdb/:version/:file(.*\\.wasm)',
    headers: [{ key: 'Content-Type', value: 'application/wasm' }],
  },
  {
    source: '/duckdb/:version/:file(.*\\.js)',
    headers: [{ key: 'Content-Type', value: 'text/javascript; charset=utf-8' }],
  },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native and WASM engines, and esbuild (a native binary the pipeline calls to bundle its worker threads), are
  // loaded by Node at run time, never bundled.
  serverExternalPackages: ['@duckdb/node-api', '@electric-sql/pglite', 'kafkajs', 'esbuild'],
  // proxy.ts sees a copy of each /api body, which Next buffers up to this size (10 MB by default). The API caps
  // bodies at 16 KiB (lib/http/api-guard.ts), so past 64 KiB nothing more is kept in memory.
  experimental: { proxyClientMaxBodySize: 64 * 1024 },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }, ...duckdbHeaders];
  },
  async rewrites() {
    return { beforeFiles: duckdbRewrites, afterFiles: [], fallback: [] };
  },
};

export default nextConfig;
