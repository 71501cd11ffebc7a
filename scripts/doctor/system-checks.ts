import { execFile } from 'node:child_process';
import { statfs } from 'node:fs/promises';
import { createServer } from 'node:net';
import { freemem, platform, totalmem } from 'node:os';
import { promisify } from 'node:util';
import type { CheckResult, StartRoute } from '../../pipeline/services/health/check-result';

const run = promisify(execFile);
const GiB = 1024 ** 3;

/** Docker engine: the client can exist while the engine (Docker Desktop's VM) is not running. */
export async function checkDockerEngine(): Promise<CheckResult> {
  try {
    await run('docker', ['--version'], { timeout: 5_000 });
  } catch {
    return {
      name: 'Docker client',
      status: 'warn',
      detail: 'docker is not installed (fine for the embedded tier)',
      fix: 'Install Docker Desktop, Colima or OrbStack, or run the services yourself and set their URLs in .env.',
    };
  }
  try {
    const { stdout } = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { timeout: 10_000 });
    return { name: 'Docker engine', status: 'ok', detail: `engine ${stdout.trim()} is running` };
  } catch {
    const mac = platform() === 'darwin';
    return {
      name: 'Docker engine',
      status: 'fail',
      detail: 'the docker client is installed but cannot reach an engine',
      fix: mac
        ? 'Start Docker Desktop and wait for "Engine running". If it hangs on start: quit it, run `killall Docker; open -a Docker`; ' +
          'if that fails, Troubleshoot → Reset to factory defaults, check Settings → Resources (≥ 4 GB memory) and that ' +
          'macOS allowed its privileged helper. Alternatives without Docker Desktop: `brew install colima docker && colima start --memory 4`.'
        : 'Start the engine: `sudo systemctl start docker` (and add yourself to the docker group: `sudo usermod -aG docker $USER`, then log in again).',
    };
  }
}

export async function checkCompose(): Promise<CheckResult> {
  try {
    const { stdout } = await run('docker', ['compose', 'version', '--short'], { timeout: 5_000 });
    const version = stdout.trim();
    const major = Number(version.replace(/^v/, '').split('.')[0]);
    if (major >= 2) return { name: 'Docker Compose', status: 'ok', detail: `Compose ${version}` };
    return {
      name: 'Docker Compose',
      status: 'fail',
      detail: `Compose ${version} is too old`,
      fix: 'Install Compose v2 (`docker compose`, not `docker-compose`).',
    };
  } catch {
    return {
      name: 'Docker Compose',
      status: 'warn',
      detail: '`docker compose` (v2) is not available',
      fix: 'Docker Desktop ships Compose v2; on Linux install the docker-compose-plugin package.',
    };
  }
}

export function checkMemory(requiredGiB = 4, route: StartRoute = 'either'): CheckResult {
  const total = totalmem() / GiB;
  const free = freemem() / GiB;
  const detail = `${free.toFixed(1)} GiB free of ${total.toFixed(1)} GiB`;
  if (total < requiredGiB) {
    return {
      name: 'Memory',
      status: 'fail',
      detail,
      fix:
        route === 'services'
          ? `The full stack wants about ${requiredGiB} GiB (Kafka and the S3 server take about 1 GiB). Close other programs, or use the embedded tier.`
          : `The full stack wants about ${requiredGiB} GiB. Start only the core services (\`docker compose up -d\` without profiles) or use the embedded tier.`,
    };
  }
  if (free < 2) {
    const fix =
      route === 'services'
        ? 'Close other programs.'
        : 'Close other programs, or give Docker Desktop more memory (Settings → Resources).';
    return { name: 'Memory', status: 'warn', detail, fix };
  }
  return { name: 'Memory', status: 'ok', detail };
}

export async function checkDisk(
  path: string,
  requiredGiB = 5,
  route: StartRoute = 'either',
): Promise<CheckResult> {
  const stats = await statfs(path);
  const free = (stats.bavail * stats.bsize) / GiB;
  const detail = `${free.toFixed(1)} GiB free at ${path}`;
  if (free < requiredGiB) {
    const hint =
      route === 'services'
        ? "`npm run services -- down` and deleting .data/services removes the stack's data"
        : '`docker system prune` removes unused images and volumes';
    return { name: 'Disk', status: 'fail', detail, fix: `Free at least ${requiredGiB} GiB (${hint}).` };
  }
  return { name: 'Disk', status: 'ok', detail };
}

/** Whether something already listens on the port (so `docker compose up` would fail to bind it). */
export async function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function checkPort(name: string, port: number, envVar: string): Promise<CheckResult> {
  if (await isPortFree(port)) return { name: `Port ${port} (${name})`, status: 'ok', detail: 'free' };
  return {
    name: `Port ${port} (${name})`,
    status: 'fail',
    detail: `port ${port} is already taken by another program`,
    fix: `Find it with \`lsof -nP -iTCP:${port} -sTCP:LISTEN\` and stop it, or set ${envVar}=<another port> in .env before \`docker compose up\`.`,
  };
}
