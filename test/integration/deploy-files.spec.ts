/**
 * Consistency checks for the deployment files: Dockerfile, .dockerignore, docker-compose.yml and
 * the kustomize manifests under k8s/. No Docker engine or cluster is needed: the files are parsed
 * and cross-checked against each other and against the repository (apps, config schema, paths).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';

// ------------------------------------------------------------------------------------------ setup

/** The repository root: the nearest ancestor of this (compiled or source) file holding package.json + package-lock.json. */
function findRepoRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'package-lock.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json + package-lock.json above ${start}`);
    dir = parent;
  }
}
const ROOT = findRepoRoot(__dirname);
const repoPath = (...p: string[]) => join(ROOT, ...p);
const readRepo = (...p: string[]) => readFileSync(repoPath(...p), 'utf8');

const APPS = ['gateway', 'chat', 'workflow', 'dataset', 'ingest-worker'] as const;
type App = (typeof APPS)[number];
const GATEWAY_PORT = 5001;
const HEALTH_PORT = 5002;

/** Configuration every app process needs; each must be wired in compose and in the k8s ConfigMap/Secret. */
const REQUIRED_VARS = [
  'PORT',
  'HEALTH_PORT',
  'DATABASE_URL',
  'REDIS_URL',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'QDRANT_URL',
  'QDRANT_API_KEY',
  'DATA_DIR',
  'SECRET_KEY',
  'UPLOAD_FILE_SIZE_LIMIT_MB',
  'LOG_LEVEL',
  'APP_MAX_ACTIVE_REQUESTS',
  'CODE_EXECUTION_ENDPOINT',
];
/** Must come from the k8s Secret, never from the ConfigMap. */
const SECRET_VARS = ['SECRET_KEY', 'OPENAI_API_KEY', 'QDRANT_API_KEY', 'DATABASE_URL'];

/** Every key of the environment schema in libs/config (so a new setting must be wired in k8s too). */
function schemaVars(): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require('@sluice/config') as { envSchema?: { shape?: Record<string, unknown> } };
  const shape = config.envSchema?.shape;
  assert.ok(shape && typeof shape === 'object', '@sluice/config must export envSchema (a zod object)');
  return Object.keys(shape);
}

type Obj = Record<string, any>;

/** Kubernetes memory/cpu quantity → bytes / cores. */
function quantity(q: string | number): number {
  const s = String(q).trim();
  const m = /^([0-9.]+)([a-zA-Z]*)$/.exec(s);
  assert.ok(m, `bad quantity ${s}`);
  const units: Record<string, number> = {
    '': 1,
    m: 1e-3,
    k: 1e3,
    K: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 1024,
    Mi: 1024 ** 2,
    Gi: 1024 ** 3,
    Ti: 1024 ** 4,
  };
  assert.ok(m[2] in units, `unknown unit in quantity ${s}`);
  return Number(m[1]) * units[m[2]];
}

// ------------------------------------------------------------------------------------------ Dockerfile

interface Instr {
  cmd: string;
  args: string;
  stage: number;
}
function parseDockerfile(text: string): Instr[] {
  const out: Instr[] = [];
  let stage = -1;
  let buf = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!buf && (/^\s*#/.test(line) || !line.trim())) continue;
    if (buf && /^\s*#/.test(line)) continue; // comment inside a continuation
    if (/\\\s*$/.test(line)) {
      buf += line.replace(/\\\s*$/, ' ');
      continue;
    }
    const full = (buf + line).trim();
    buf = '';
    const m = /^(\w+)\s+([\s\S]*)$/.exec(full);
    if (!m) continue;
    const cmd = m[1].toUpperCase();
    if (cmd === 'FROM') stage++;
    out.push({ cmd, args: m[2].trim(), stage });
  }
  return out;
}

describe('Dockerfile', () => {
  const text = readRepo('Dockerfile');
  const instrs = parseDockerfile(text);
  const lastStage = Math.max(...instrs.map((i) => i.stage));
  const final = instrs.filter((i) => i.stage === lastStage);
  const pkg = JSON.parse(readRepo('package.json'));

  it('is multi-stage on the Node.js LTS image with a toolchain for native addons', () => {
    const froms = instrs.filter((i) => i.cmd === 'FROM');
    assert.ok(froms.length >= 2, 'expected a build stage and a runtime stage');
    assert.match(text, /ARG NODE_IMAGE=node:26-bookworm-slim/);
    assert.match(text, /isolated-vm@7\.\d+\.\d+/, "isolated-vm 7 replaces the lockfile's 5 (Node 24+)");
    const build = instrs
      .filter((i) => i.stage === 0)
      .map((i) => i.args)
      .join('\n');
    for (const tool of ['python3', 'make', 'g++']) assert.ok(build.includes(tool), `build stage installs ${tool}`);
    const order = ['npm ci', 'npm run build', 'npm prune --omit=dev'].map((s) => text.indexOf(s));
    assert.ok(
      order.every((i) => i > 0),
      'npm ci, npm run build and npm prune --omit=dev all present',
    );
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      'npm ci → npm run build → npm prune, in that order',
    );
  });

  it('runs the launcher, the same entry as `npm start`', () => {
    const cmd = final.filter((i) => i.cmd === 'CMD').pop();
    assert.ok(cmd, 'final stage has a CMD');
    assert.deepEqual(JSON.parse(cmd.args), ['node', 'dist/apps/launcher/src/main.js']);
    // npm start passes --no-node-snapshot itself (isolated-vm needs it); the image sets it in NODE_OPTIONS.
    assert.match(pkg.scripts.start, /^node (--no-node-snapshot )?dist\/apps\/launcher\/src\/main\.js$/, 'package.json start script runs the same file');
    const entry = final.filter((i) => i.cmd === 'ENTRYPOINT').pop();
    if (entry) assert.ok(!/node/.test(entry.args), 'ENTRYPOINT must not start another node process');
  });

  it('has the launcher source the CMD points at', () => {
    assert.ok(existsSync(repoPath('apps/launcher/src/main.ts')), 'apps/launcher/src/main.ts compiles to dist/apps/launcher/src/main.js');
  });

  it('runs as a non-root user in production mode, exposes 5001 and has a /health HEALTHCHECK', () => {
    const user = final.filter((i) => i.cmd === 'USER').pop();
    assert.ok(user, 'final stage sets USER');
    const name = user.args.split(':')[0];
    assert.ok(!['root', '0'].includes(name), `USER ${user.args} is root`);
    assert.ok(
      final.some((i) => i.cmd === 'ENV' && /\bNODE_ENV=production\b/.test(i.args)),
      'ENV NODE_ENV=production',
    );
    const exposed = final
      .filter((i) => i.cmd === 'EXPOSE')
      .flatMap((i) => i.args.split(/\s+/))
      .map((p) => p.split('/')[0]);
    assert.ok(exposed.includes(String(GATEWAY_PORT)), `EXPOSE ${GATEWAY_PORT}`);
    const hc = final.filter((i) => i.cmd === 'HEALTHCHECK').pop();
    assert.ok(hc, 'final stage has a HEALTHCHECK');
    assert.match(hc.args, /\/health/);
    assert.match(hc.args, /HEALTH_PORT/, 'every container is probed on HEALTH_PORT');
  });

  it('copies only paths that exist and are not excluded by .dockerignore', () => {
    const ignore = readRepo('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    const sources: string[] = [];
    for (const i of instrs.filter((x) => x.cmd === 'COPY' || x.cmd === 'ADD')) {
      const parts = i.args.split(/\s+/);
      if (parts.some((p) => p.startsWith('--from='))) continue;
      const paths = parts.filter((p) => !p.startsWith('--'));
      sources.push(...paths.slice(0, -1));
    }
    for (const needed of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts', 'libs', 'apps']) {
      assert.ok(sources.includes(needed), `Dockerfile copies ${needed} into the build`);
    }
    for (const src of sources) {
      assert.ok(existsSync(repoPath(src)), `COPY source ${src} exists in the repo`);
      const top = src.replace(/^\.\//, '').split('/')[0];
      assert.ok(!ignore.includes(top) && !ignore.includes(src), `COPY source ${src} is excluded by .dockerignore`);
    }
    assert.ok(existsSync(repoPath('scripts/build.mjs')), 'scripts/build.mjs (npm run build) exists');
    assert.match(pkg.scripts.build, /scripts\/build\.mjs/);
  });

  it('.dockerignore keeps local state and secrets out of the context', () => {
    const ignore = readRepo('.dockerignore')
      .split('\n')
      .map((l) => l.trim());
    for (const p of ['node_modules', 'dist', '.git', '.env']) assert.ok(ignore.includes(p), `.dockerignore lists ${p}`);
  });
});

// ------------------------------------------------------------------------------------------ compose

function envMap(env: unknown): Record<string, string> {
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((e: string) => {
        const i = e.indexOf('=');
        return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env as Obj).map(([k, v]) => [k, v === null ? '' : String(v)]));
}
function containerPorts(ports: unknown[] = []): number[] {
  return ports.map((p) => {
    if (typeof p === 'object' && p) return Number((p as Obj).target);
    const s = String(p).split('/')[0];
    return Number(s.slice(s.lastIndexOf(':') + 1));
  });
}
function healthText(hc: Obj | undefined): string {
  if (!hc) return '';
  return Array.isArray(hc.test) ? hc.test.join(' ') : String(hc.test ?? '');
}
function urlHost(value: string): string {
  return new URL(value.replace(/\$\{[^}]*\}/g, 'x')).hostname;
}

describe('docker-compose.yml', () => {
  const compose = parse(readRepo('docker-compose.yml'), { merge: true }) as Obj;
  const services = compose.services as Obj;

  it('defines postgres, redis, qdrant and all five apps', () => {
    for (const s of ['postgres', 'redis', 'qdrant', ...APPS]) assert.ok(services[s], `service ${s}`);
    assert.match(String(services.postgres.image), /^postgres:15\b/);
    assert.match(String(services.redis.image), /^redis:7\b/);
    assert.match(String(services.qdrant.image), /^qdrant\/qdrant\b/);
  });

  it('runs every app from the one image built from this repo, with SERVICES=<app>', () => {
    const images = new Set<string>();
    for (const app of APPS) {
      const svc = services[app];
      const build = typeof svc.build === 'string' ? svc.build : svc.build?.context;
      assert.equal(build, '.', `${app} builds from the repo root`);
      images.add(String(svc.image));
      assert.equal(envMap(svc.environment).SERVICES, app, `${app} has SERVICES=${app}`);
    }
    assert.equal(images.size, 1, `all apps share one image, got ${[...images].join(', ')}`);
  });

  it('wires every required variable into every app', () => {
    for (const app of APPS) {
      const env = envMap(services[app].environment);
      for (const v of REQUIRED_VARS) assert.ok(v in env, `${app} sets ${v}`);
      assert.equal(env.PORT, String(GATEWAY_PORT), `${app} PORT`);
      assert.equal(env.HEALTH_PORT, String(HEALTH_PORT), `${app} HEALTH_PORT`);
      assert.equal(urlHost(env.DATABASE_URL), 'postgres', `${app} DATABASE_URL points at the postgres service`);
      assert.match(env.DATABASE_URL, /^postgres(ql)?:\/\//);
      assert.equal(urlHost(env.REDIS_URL), 'redis', `${app} REDIS_URL points at the redis service`);
      assert.equal(urlHost(env.QDRANT_URL), 'qdrant', `${app} QDRANT_URL points at the qdrant service`);
      assert.match(env.SECRET_KEY, /^\$\{SECRET_KEY:\?.+\}$/, `${app} SECRET_KEY is required from the environment`);
      assert.match(env.OPENAI_API_KEY, /^\$\{OPENAI_API_KEY[:}-]/, `${app} passes OPENAI_API_KEY through`);
      assert.match(env.OPENAI_BASE_URL, /^\$\{OPENAI_BASE_URL[:}-]/, `${app} passes OPENAI_BASE_URL through`);
    }
  });

  it('mounts one shared volume at DATA_DIR in every app', () => {
    const volumeNames = new Set<string>();
    for (const app of APPS) {
      const svc = services[app];
      const dataDir = envMap(svc.environment).DATA_DIR;
      assert.ok(dataDir.startsWith('/'), `${app} DATA_DIR is an absolute path in the container`);
      const mount = (svc.volumes ?? [])
        .map((v: unknown) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : (v as Obj)))
        .find((v: Obj) => v.target === dataDir);
      assert.ok(mount, `${app} mounts a volume at ${dataDir}`);
      volumeNames.add(mount.source);
    }
    assert.equal(volumeNames.size, 1, 'all apps share the same DATA_DIR volume');
    const [name] = [...volumeNames];
    assert.ok(compose.volumes && name in compose.volumes, `named volume ${name} is declared`);
  });

  it('publishes the gateway on 5001 and only the gateway', () => {
    assert.ok(containerPorts(services.gateway.ports).includes(GATEWAY_PORT), 'gateway publishes container port 5001');
    for (const app of APPS.filter((a) => a !== 'gateway')) {
      assert.equal((services[app].ports ?? []).length, 0, `${app} publishes no ports`);
    }
  });

  it('health-checks every app on /health at the right port', () => {
    for (const app of APPS) {
      const hc = healthText(services[app].healthcheck);
      assert.match(hc, /\/health\b/, `${app} healthcheck hits /health`);
      const port = app === 'gateway' ? GATEWAY_PORT : HEALTH_PORT;
      assert.match(hc, new RegExp(`:${port}/health`), `${app} healthcheck uses port ${port}`);
    }
  });

  it('health-gates the apps on postgres and redis', () => {
    assert.match(healthText(services.postgres.healthcheck), /pg_isready/);
    assert.match(healthText(services.redis.healthcheck), /redis-cli.*ping/);
    for (const app of APPS) {
      const dep = services[app].depends_on as Obj;
      assert.ok(dep && !Array.isArray(dep), `${app} depends_on uses the long form`);
      assert.equal(dep.postgres?.condition, 'service_healthy', `${app} waits for healthy postgres`);
      assert.equal(dep.redis?.condition, 'service_healthy', `${app} waits for healthy redis`);
      assert.ok(dep.qdrant, `${app} depends on qdrant`);
    }
  });

  it('runs redis with AOF and noeviction (BullMQ), and keeps data in volumes', () => {
    const cmd = Array.isArray(services.redis.command) ? services.redis.command.join(' ') : String(services.redis.command);
    assert.match(cmd, /--appendonly\s+yes/);
    assert.match(cmd, /--maxmemory-policy\s+noeviction/);
    const mounts = (svc: Obj) => (svc.volumes ?? []).map((v: unknown) => (typeof v === 'string' ? v.split(':')[1] : (v as Obj).target));
    assert.ok(mounts(services.postgres).includes('/var/lib/postgresql/data'), 'postgres data volume');
    assert.ok(mounts(services.redis).includes('/data'), 'redis data volume');
    assert.ok(mounts(services.qdrant).includes('/qdrant/storage'), 'qdrant storage volume');
  });
});

// The Kubernetes manifests are rendered and validated in k8s-manifests.spec.ts.
