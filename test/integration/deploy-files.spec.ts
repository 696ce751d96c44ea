/**
 * Consistency checks for the deployment files: Dockerfile, .dockerignore, docker-compose.yml and
 * the kustomize manifests under k8s/. No Docker engine or cluster is needed: the files are parsed
 * and cross-checked against each other and against the repository (apps, config schema, paths).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
    '': 1, m: 1e-3, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12,
    Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4,
  };
  assert.ok(m[2] in units, `unknown unit in quantity ${s}`);
  return Number(m[1]) * units[m[2]];
}

// ------------------------------------------------------------------------------------------ Dockerfile

interface Instr { cmd: string; args: string; stage: number; }
function parseDockerfile(text: string): Instr[] {
  const out: Instr[] = [];
  let stage = -1;
  let buf = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!buf && (/^\s*#/.test(line) || !line.trim())) continue;
    if (buf && /^\s*#/.test(line)) continue; // comment inside a continuation
    if (/\\\s*$/.test(line)) { buf += line.replace(/\\\s*$/, ' '); continue; }
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

  it('is multi-stage on node:20-bookworm-slim with a toolchain for native addons', () => {
    const froms = instrs.filter((i) => i.cmd === 'FROM');
    assert.ok(froms.length >= 2, 'expected a build stage and a runtime stage');
    assert.match(text, /node:20-bookworm-slim/);
    const build = instrs.filter((i) => i.stage === 0).map((i) => i.args).join('\n');
    for (const tool of ['python3', 'make', 'g++']) assert.ok(build.includes(tool), `build stage installs ${tool}`);
    const order = ['npm ci', 'npm run build', 'npm prune --omit=dev'].map((s) => text.indexOf(s));
    assert.ok(order.every((i) => i > 0), 'npm ci, npm run build and npm prune --omit=dev all present');
    assert.deepEqual([...order].sort((a, b) => a - b), order, 'npm ci → npm run build → npm prune, in that order');
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
    assert.ok(final.some((i) => i.cmd === 'ENV' && /\bNODE_ENV=production\b/.test(i.args)), 'ENV NODE_ENV=production');
    const exposed = final.filter((i) => i.cmd === 'EXPOSE').flatMap((i) => i.args.split(/\s+/)).map((p) => p.split('/')[0]);
    assert.ok(exposed.includes(String(GATEWAY_PORT)), `EXPOSE ${GATEWAY_PORT}`);
    const hc = final.filter((i) => i.cmd === 'HEALTHCHECK').pop();
    assert.ok(hc, 'final stage has a HEALTHCHECK');
    assert.match(hc.args, /\/health/);
    assert.match(hc.args, /HEALTH_PORT/, 'non-gateway containers are probed on HEALTH_PORT');
    assert.match(hc.args, /\bPORT\b/, 'gateway containers are probed on PORT');
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
    const ignore = readRepo('.dockerignore').split('\n').map((l) => l.trim());
    for (const p of ['node_modules', 'dist', '.git', '.env']) assert.ok(ignore.includes(p), `.dockerignore lists ${p}`);
  });
});

// ------------------------------------------------------------------------------------------ compose

function envMap(env: unknown): Record<string, string> {
  if (!env) return {};
  if (Array.isArray(env)) {
    return Object.fromEntries(env.map((e: string) => {
      const i = e.indexOf('=');
      return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)];
    }));
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

// ------------------------------------------------------------------------------------------ k8s

function loadYamlDocs(file: string): Obj[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => {
      if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
      return d.toJS() as Obj;
    })
    .filter((d) => d && typeof d === 'object');
}

describe('k8s', () => {
  const baseDir = repoPath('k8s/base');
  const kustomization = parse(readFileSync(join(baseDir, 'kustomization.yaml'), 'utf8')) as Obj;
  const resources: string[] = kustomization.resources ?? [];
  const docs = resources.filter((r) => existsSync(join(baseDir, r))).flatMap((r) => loadYamlDocs(join(baseDir, r)));
  const ofKind = (kind: string) => docs.filter((d) => d.kind === kind);
  const byName = (kind: string, name: string) => ofKind(kind).find((d) => d.metadata?.name === name);
  const configMaps = ofKind('ConfigMap');
  const secrets = ofKind('Secret');
  const configMap = configMaps[0];
  const secret = secrets[0];
  const secretData = (): Obj => ({ ...(secret?.data ?? {}), ...(secret?.stringData ?? {}) });

  /** The Deployment whose container sets SERVICES=<app>. */
  function deploymentOf(app: App): Obj {
    const found = ofKind('Deployment').filter((d) =>
      (d.spec?.template?.spec?.containers ?? []).some((c: Obj) => (c.env ?? []).some((e: Obj) => e.name === 'SERVICES' && e.value === app)),
    );
    assert.equal(found.length, 1, `exactly one Deployment runs SERVICES=${app}`);
    return found[0];
  }
  const containerOf = (d: Obj): Obj => d.spec.template.spec.containers[0];
  /** A probe/service port (number or container port name) → number. */
  function resolvePort(container: Obj, port: number | string): number {
    if (typeof port === 'number') return port;
    if (/^\d+$/.test(port)) return Number(port);
    const p = (container.ports ?? []).find((x: Obj) => x.name === port);
    assert.ok(p, `container ${container.name} has a port named ${port}`);
    return p.containerPort;
  }
  const selects = (selector: Obj | undefined, labels: Obj) =>
    !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);

  it('kustomization lists every file in k8s/base, and they all exist', () => {
    const files = readdirSync(baseDir).filter((f) => f !== 'kustomization.yaml' && statSync(join(baseDir, f)).isFile()).sort();
    for (const r of resources) assert.ok(existsSync(join(baseDir, r)), `resource ${r} exists`);
    assert.deepEqual([...resources].sort(), files);
  });

  it('has one ConfigMap and one Secret, referenced by every Deployment', () => {
    assert.equal(configMaps.length, 1);
    assert.equal(secrets.length, 1);
    for (const app of APPS) {
      const envFrom: Obj[] = containerOf(deploymentOf(app)).envFrom ?? [];
      assert.ok(envFrom.some((e) => e.configMapRef?.name === configMap.metadata.name), `${app} loads the ConfigMap`);
      assert.ok(envFrom.some((e) => e.secretRef?.name === secret.metadata.name), `${app} loads the Secret`);
    }
  });

  it('wires every required and every schema variable through the ConfigMap or the Secret', () => {
    const cm = configMap.data ?? {};
    const sec = secretData();
    for (const v of new Set([...REQUIRED_VARS, ...schemaVars()])) {
      if (v === 'SERVICES') continue; // per Deployment
      assert.ok(v in cm || v in sec, `${v} is in the ConfigMap or the Secret`);
    }
    assert.ok(!('SERVICES' in cm), 'SERVICES is set per Deployment, not in the shared ConfigMap');
    for (const v of SECRET_VARS) {
      assert.ok(v in sec, `${v} is in the Secret`);
      assert.ok(!(v in cm), `${v} must not be in the ConfigMap`);
    }
    for (const v of Object.values(cm)) assert.equal(typeof v, 'string', 'ConfigMap values are strings');
    assert.equal(cm.PORT, String(GATEWAY_PORT));
    assert.equal(cm.HEALTH_PORT, String(HEALTH_PORT));
    assert.ok(String(cm.DATA_DIR).startsWith('/'), 'DATA_DIR is absolute');
  });

  it('marks the Secret values as placeholders', () => {
    const sec = secretData();
    for (const v of ['SECRET_KEY', 'OPENAI_API_KEY', 'DATABASE_URL']) {
      assert.match(String(sec[v]), /CHANGE_ME/, `${v} is an obvious placeholder`);
    }
    assert.ok(String(sec.SECRET_KEY).length >= 16, 'placeholder SECRET_KEY passes the schema length');
  });

  it('runs every app from one image with SERVICES=<app> and a /health readiness and liveness probe on the right port', () => {
    const images = new Set<string>();
    for (const app of APPS) {
      const dep = deploymentOf(app);
      const c = containerOf(dep);
      images.add(c.image);
      const port = app === 'gateway' ? GATEWAY_PORT : HEALTH_PORT;
      for (const kind of ['readinessProbe', 'livenessProbe']) {
        const probe = c[kind];
        assert.ok(probe?.httpGet, `${app} has an HTTP ${kind}`);
        assert.equal(probe.httpGet.path, '/health', `${app} ${kind} path`);
        assert.equal(resolvePort(c, probe.httpGet.port), port, `${app} ${kind} port`);
      }
      assert.ok((c.ports ?? []).some((p: Obj) => p.containerPort === port), `${app} declares container port ${port}`);
      assert.ok(selects(dep.spec.selector?.matchLabels, dep.spec.template.metadata.labels), `${app} selector matches its pods`);
    }
    assert.equal(images.size, 1, `one image for all apps, got ${[...images].join(', ')}`);
  });

  it('has a Service per app: gateway 80 → 5001, the others on HEALTH_PORT', () => {
    const svcs = ofKind('Service');
    for (const app of APPS) {
      const dep = deploymentOf(app);
      const c = containerOf(dep);
      const matching = svcs.filter((s) => selects(s.spec?.selector, dep.spec.template.metadata.labels));
      assert.equal(matching.length, 1, `exactly one Service selects ${app} pods`);
      const svc = matching[0];
      assert.ok(!svc.spec.type || svc.spec.type === 'ClusterIP', `${app} Service is ClusterIP`);
      const ports: Obj[] = svc.spec.ports;
      if (app === 'gateway') {
        const p = ports.find((x) => x.port === 80);
        assert.ok(p, 'gateway Service listens on 80');
        assert.equal(resolvePort(c, p.targetPort), GATEWAY_PORT, 'gateway Service targets 5001');
      } else {
        assert.ok(ports.some((x) => resolvePort(c, x.targetPort ?? x.port) === HEALTH_PORT), `${app} Service targets HEALTH_PORT`);
      }
    }
  });

  it('sets resource requests and limits; ingest-worker may use at least 1.5Gi', () => {
    for (const app of APPS) {
      const r = containerOf(deploymentOf(app)).resources ?? {};
      for (const k of ['cpu', 'memory']) {
        assert.ok(r.requests?.[k] !== undefined, `${app} requests ${k}`);
        assert.ok(r.limits?.[k] !== undefined, `${app} limits ${k}`);
        assert.ok(quantity(r.requests[k]) <= quantity(r.limits[k]), `${app} ${k} request ≤ limit`);
      }
    }
    const worker = containerOf(deploymentOf('ingest-worker')).resources;
    assert.ok(quantity(worker.limits.memory) >= 1.5 * 1024 ** 3, `ingest-worker memory limit ${worker.limits.memory} ≥ 1.5Gi`);
  });

  it('gives every app time to drain on shutdown and runs it as non-root', () => {
    for (const app of APPS) {
      const spec = deploymentOf(app).spec.template.spec;
      assert.ok(spec.terminationGracePeriodSeconds >= 60, `${app} terminationGracePeriodSeconds ≥ 60`);
      assert.equal(spec.securityContext?.runAsNonRoot, true, `${app} runAsNonRoot`);
    }
  });

  it('mounts the shared ReadWriteMany PVC at DATA_DIR in every app', () => {
    const pvcs = ofKind('PersistentVolumeClaim');
    assert.equal(pvcs.length, 1);
    const pvc = pvcs[0];
    assert.ok(pvc.spec.accessModes.includes('ReadWriteMany'), 'PVC is ReadWriteMany');
    const dataDir = configMap.data.DATA_DIR;
    for (const app of APPS) {
      const spec = deploymentOf(app).spec.template.spec;
      const vol = (spec.volumes ?? []).find((v: Obj) => v.persistentVolumeClaim?.claimName === pvc.metadata.name);
      assert.ok(vol, `${app} has the PVC as a volume`);
      const mount = (spec.containers[0].volumeMounts ?? []).find((m: Obj) => m.name === vol.name);
      assert.equal(mount?.mountPath, dataDir, `${app} mounts the PVC at DATA_DIR`);
    }
  });

  it('autoscales gateway and chat on CPU', () => {
    const hpas = ofKind('HorizontalPodAutoscaler');
    for (const app of ['gateway', 'chat'] as const) {
      const name = deploymentOf(app).metadata.name;
      const hpa = hpas.find((h) => h.spec?.scaleTargetRef?.kind === 'Deployment' && h.spec.scaleTargetRef.name === name);
      assert.ok(hpa, `an HPA targets ${name}`);
      assert.ok(hpa.spec.metrics.some((m: Obj) => m.type === 'Resource' && m.resource?.name === 'cpu'), `${app} HPA scales on CPU`);
      assert.ok(hpa.spec.minReplicas >= 2 && hpa.spec.maxReplicas > hpa.spec.minReplicas, `${app} HPA range`);
    }
  });

  it('has a PodDisruptionBudget for the gateway', () => {
    const gwLabels = deploymentOf('gateway').spec.template.metadata.labels;
    const pdb = ofKind('PodDisruptionBudget').find((p) => selects(p.spec?.selector?.matchLabels, gwLabels));
    assert.ok(pdb, 'a PDB selects the gateway pods');
    assert.ok(pdb.spec.minAvailable !== undefined || pdb.spec.maxUnavailable !== undefined);
  });

  it('production overlay builds on the base and retags the base image', () => {
    const dir = repoPath('k8s/overlays/production');
    const overlay = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Obj;
    for (const r of overlay.resources ?? []) assert.ok(existsSync(resolve(dir, r)), `overlay resource ${r} exists`);
    assert.ok((overlay.resources ?? []).some((r: string) => resolve(dir, r) === baseDir), 'overlay includes ../../base');
    const baseImage = String(containerOf(deploymentOf('gateway')).image).split(':')[0];
    const img = (overlay.images ?? []).find((i: Obj) => i.name === baseImage);
    assert.ok(img?.newTag, `overlay sets a tag for image ${baseImage}`);
    const deployments = new Set(ofKind('Deployment').map((d) => d.metadata.name));
    for (const r of overlay.replicas ?? []) assert.ok(deployments.has(r.name), `overlay replicas target ${r.name} exists`);
  });
});
