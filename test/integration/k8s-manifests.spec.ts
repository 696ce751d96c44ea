/**
 * The Kubernetes manifests as a cluster would receive them: the base and every overlay rendered by
 * `kubectl kustomize`, every object validated against the Kubernetes schemas (kubernetes-models, plus
 * the Prometheus Operator and KEDA models for their custom resources), then checked for what an
 * operator relies on. Without kubectl (it is not in Debian's packages at a kustomize v5 version), the
 * committed files are validated one by one instead and the rendering checks are skipped, said so.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse, parseAllDocuments } from 'yaml';

type Obj = Record<string, any>;

let ROOT = __dirname;
while (!existsSync(join(ROOT, 'package-lock.json'))) ROOT = dirname(ROOT);
const K8S = join(ROOT, 'k8s');
const APPS = ['gateway', 'chat', 'workflow', 'dataset', 'ingest-worker'];
const SECRET_VARS = ['SECRET_KEY', 'DATABASE_URL', 'REDIS_URL', 'OPENAI_API_KEY', 'QDRANT_API_KEY', 'CODE_EXECUTION_API_KEY'];

function kubectlKustomize(): ((dir: string) => Obj[]) | undefined {
  try {
    const v = execFileSync('kubectl', ['version', '--client', '-o', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const major = Number(/"kustomizeVersion":\s*"v(\d+)/.exec(v)?.[1] ?? 0);
    if (major < 5) return undefined;
  } catch {
    return undefined;
  }
  return (dir) => docs(execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', maxBuffer: 16 << 20 }));
}

function docs(text: string): Obj[] {
  return parseAllDocuments(text)
    .map((d) => {
      if (d.errors.length) throw new Error(d.errors[0].message);
      const o = d.toJS() as Obj;
      // kustomize folds long base64 values over lines; YAML joins them with a space, base64 ignores it
      if (o?.kind === 'Secret' && o.data) for (const k of Object.keys(o.data)) o.data[k] = String(o.data[k]).replace(/\s+/g, '');
      return o;
    })
    .filter((d) => d && typeof d === 'object');
}

/** apiVersion/kind → the model class that validates it. */
const MODELS: Record<string, [string, string]> = {
  'v1/ConfigMap': ['kubernetes-models/v1/ConfigMap', 'ConfigMap'],
  'v1/Secret': ['kubernetes-models/v1/Secret', 'Secret'],
  'v1/Service': ['kubernetes-models/v1/Service', 'Service'],
  'v1/Namespace': ['kubernetes-models/v1/Namespace', 'Namespace'],
  'v1/PersistentVolumeClaim': ['kubernetes-models/v1/PersistentVolumeClaim', 'PersistentVolumeClaim'],
  'apps/v1/Deployment': ['kubernetes-models/apps/v1/Deployment', 'Deployment'],
  'batch/v1/Job': ['kubernetes-models/batch/v1/Job', 'Job'],
  'autoscaling/v2/HorizontalPodAutoscaler': ['kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler', 'HorizontalPodAutoscaler'],
  'policy/v1/PodDisruptionBudget': ['kubernetes-models/policy/v1/PodDisruptionBudget', 'PodDisruptionBudget'],
  'networking.k8s.io/v1/NetworkPolicy': ['kubernetes-models/networking.k8s.io/v1/NetworkPolicy', 'NetworkPolicy'],
  'networking.k8s.io/v1/Ingress': ['kubernetes-models/networking.k8s.io/v1/Ingress', 'Ingress'],
  'monitoring.coreos.com/v1/ServiceMonitor': ['@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor', 'ServiceMonitor'],
  'keda.sh/v1alpha1/ScaledObject': ['@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject', 'ScaledObject'],
};

function validate(o: Obj, where: string) {
  const key = `${o.apiVersion}/${o.kind}`;
  const m = MODELS[key];
  assert.ok(m, `${where}: no schema for ${key}; add its model`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Model = require(m[0])[m[1]];
  try {
    new Model(o).validate();
  } catch (err) {
    assert.fail(`${where}: ${o.kind}/${o.metadata?.name} does not validate: ${(err as Error).message}`);
  }
}

const render = kubectlKustomize();

describe('Kubernetes manifests', () => {
  let work: string;
  const rendered: Record<string, Obj[]> = {};

  before(() => {
    // The production overlay reads the operator's secrets file: write one, as the guide says.
    work = mkdtempSync(join(tmpdir(), 'sluice-k8s-'));
    cpSync(K8S, join(work, 'k8s'), { recursive: true });
    const values: Record<string, string> = {
      SECRET_KEY: 'f'.repeat(8) + '0123456789abcdef'.repeat(4),
      DATABASE_URL: 'postgres://sluice:pw@postgres:5432/sluice',
      REDIS_URL: 'redis://redis:6379',
    };
    const env = readFileSync(join(K8S, 'secrets.env.example'), 'utf8').replace(/^(\w+)=$/gm, (_l, k: string) => `${k}=${values[k] ?? ''}`);
    writeFileSync(join(work, 'k8s', 'overlays', 'production', 'secrets.env'), env);
    if (render) for (const d of ['base', 'overlays/production', 'overlays/keda']) rendered[d] = render(join(work, 'k8s', d));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('every committed manifest file validates against the Kubernetes schemas', () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    const files = walk(K8S).filter((f) => f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'));
    assert.ok(files.length >= 14);
    for (const f of files) for (const o of docs(readFileSync(f, 'utf8'))) validate(o, f.slice(ROOT.length + 1));
  });

  it("ships no secret values: no Secret in the base, the overlay generates it from the operator's file", () => {
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
    for (const f of walk(K8S).filter((x) => x.endsWith('.yaml'))) {
      for (const o of docs(readFileSync(f, 'utf8'))) assert.notEqual(o.kind, 'Secret', `${f} holds a Secret`);
    }
    const example = readFileSync(join(K8S, 'secrets.env.example'), 'utf8');
    for (const v of SECRET_VARS) assert.match(example, new RegExp(`^${v}=$`, 'm'), `secrets.env.example lists ${v}, empty`);
    assert.match(readFileSync(join(ROOT, '.gitignore'), 'utf8'), /secrets\.env/, 'secrets.env is never committed');
    const overlay = parse(readFileSync(join(K8S, 'overlays', 'production', 'kustomization.yaml'), 'utf8'));
    assert.deepEqual(overlay.secretGenerator?.[0]?.envs, ['secrets.env']);
  });

  it('wires every setting of the config schema through the ConfigMap or the secrets file', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { envSchema } = require('@sluice/config') as { envSchema: { shape: Record<string, unknown> } };
    const cm = docs(readFileSync(join(K8S, 'base', 'configmap.yaml'), 'utf8'))[0].data as Record<string, string>;
    const example = readFileSync(join(K8S, 'secrets.env.example'), 'utf8');
    for (const v of Object.keys(envSchema.shape)) {
      if (v === 'SERVICES') continue; // per Deployment
      const inSecret = new RegExp(`^${v}=`, 'm').test(example);
      assert.ok(v in cm || inSecret, `${v} is in the ConfigMap or secrets.env.example`);
      assert.ok(!(v in cm && inSecret), `${v} is in both`);
    }
    for (const v of SECRET_VARS) assert.ok(!(v in cm), `${v} must not be in the ConfigMap`);
  });

  describe('rendered by kubectl kustomize', { skip: render ? false : 'kubectl with kustomize v5 is not installed' }, () => {
    const of = (d: string, kind: string) => rendered[d].filter((o) => o.kind === kind);
    const deployment = (d: string, app: string) => of(d, 'Deployment').find((o) => o.metadata.name === `sluice-${app}`)!;

    it('renders base, production and keda, and every object validates', () => {
      for (const [d, objs] of Object.entries(rendered)) {
        assert.ok(objs.length >= 20, `${d} renders ${objs.length} objects`);
        for (const o of objs) validate(o, d);
      }
    });

    it('gives every Deployment probes on /livez and /readyz, resources and a locked-down securityContext', () => {
      for (const d of Object.keys(rendered)) {
        for (const app of APPS) {
          const dep = deployment(d, app);
          assert.ok(dep, `${d}: sluice-${app}`);
          const pod = dep.spec.template.spec;
          const c = pod.containers[0];
          assert.equal(c.env.find((e: Obj) => e.name === 'SERVICES').value, app);
          assert.equal(c.livenessProbe.httpGet.path, '/livez');
          assert.equal(c.startupProbe.httpGet.path, '/livez');
          assert.equal(c.readinessProbe.httpGet.path, '/readyz');
          for (const p of [c.livenessProbe, c.readinessProbe, c.startupProbe])
            assert.equal(c.ports.find((x: Obj) => x.name === p.httpGet.port)?.containerPort, 5002);
          assert.ok(c.ports.some((x: Obj) => x.name === 'metrics' && x.containerPort === 9464));
          for (const k of ['cpu', 'memory']) assert.ok(c.resources.requests[k] && c.resources.limits[k], `${app} ${k}`);
          assert.equal(pod.securityContext.runAsNonRoot, true);
          assert.equal(c.securityContext.allowPrivilegeEscalation, false);
          assert.equal(c.securityContext.readOnlyRootFilesystem, true);
          assert.deepEqual(c.securityContext.capabilities.drop, ['ALL']);
          assert.ok(pod.terminationGracePeriodSeconds >= 60);
        }
      }
    });

    it('production: migrations by a Job, pods with MIGRATION_ENABLED=false, a generated Secret referenced everywhere', () => {
      const d = 'overlays/production';
      const cm = of(d, 'ConfigMap')[0];
      assert.equal(cm.data.MIGRATION_ENABLED, 'false');
      assert.equal(of('base', 'ConfigMap')[0].data.MIGRATION_ENABLED, 'true');
      const job = of(d, 'Job').find((j) => j.metadata.name === 'sluice-migrate')!;
      assert.deepEqual(job.spec.template.spec.containers[0].command, ['node', 'dist/apps/launcher/src/migrate.js']);
      const [secret] = of(d, 'Secret');
      assert.match(secret.metadata.name, /^sluice-secrets-[a-z0-9]+$/, 'named with a content hash');
      for (const o of [...of(d, 'Deployment'), job]) {
        const refs = o.spec.template.spec.containers[0].envFrom.map((e: Obj) => e.secretRef?.name).filter(Boolean);
        assert.deepEqual(refs, [secret.metadata.name], `${o.metadata.name} reads the generated Secret`);
      }
      assert.equal(of('base', 'Secret').length, 0);
    });

    it('production: Ingress for SSE, ServiceMonitor, a PDB per app, HPAs on CPU, NetworkPolicies', () => {
      const d = 'overlays/production';
      const ing = of(d, 'Ingress')[0];
      const a = ing.metadata.annotations;
      assert.equal(a['nginx.ingress.kubernetes.io/proxy-buffering'], 'off');
      assert.ok(Number(a['nginx.ingress.kubernetes.io/proxy-read-timeout']) >= 1200, 'longer than a workflow run');
      assert.match(a['nginx.ingress.kubernetes.io/proxy-body-size'], /^\d+m$/);
      assert.equal(ing.spec.rules[0].http.paths[0].backend.service.name, 'sluice-gateway');
      const sm = of(d, 'ServiceMonitor')[0];
      assert.equal(sm.spec.endpoints[0].port, 'metrics');
      for (const app of APPS) {
        const svc = of(d, 'Service').find((s) => s.metadata.name === `sluice-${app}`)!;
        assert.ok(
          svc.spec.ports.some((p: Obj) => p.name === 'metrics'),
          `${app} Service exposes metrics`,
        );
        assert.ok(
          Object.entries(sm.spec.selector.matchLabels).every(([k, v]) => svc.metadata.labels[k] === v),
          `the ServiceMonitor selects ${app}`,
        );
        const labels = deployment(d, app).spec.template.metadata.labels;
        const pdb = of(d, 'PodDisruptionBudget').filter((p) => Object.entries(p.spec.selector.matchLabels).every(([k, v]) => labels[k] === v));
        assert.equal(pdb.length, 1, `one PDB selects ${app}`);
      }
      for (const app of ['gateway', 'chat', 'workflow']) {
        const hpa = of(d, 'HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.name === `sluice-${app}`)!;
        assert.ok(hpa.spec.metrics.some((m: Obj) => m.resource?.name === 'cpu'));
        assert.equal(deployment(d, app).spec.replicas, undefined, `${app}: the HPA owns the replica count`);
      }
      const np = of(d, 'NetworkPolicy');
      const gwIn = np.find((p) => p.spec.podSelector.matchLabels?.['app.kubernetes.io/component'] === 'gateway')!;
      assert.deepEqual(gwIn.spec.ingress[0].ports, [{ protocol: 'TCP', port: 5001 }]);
      const all = np.find((p) => p.metadata.name === 'sluice-default')!;
      assert.deepEqual(all.spec.policyTypes, ['Ingress', 'Egress'], 'default deny for every sluice pod');
      assert.ok(!all.spec.ingress.some((r: Obj) => r.ports.some((p: Obj) => p.port === 5001)), 'no app but the gateway takes API traffic');
    });

    it('keda: the ingest workers scale on the BullMQ wait lists, with no fixed replica count', () => {
      const d = 'overlays/keda';
      const so = of(d, 'ScaledObject')[0];
      assert.equal(so.spec.scaleTargetRef.name, 'sluice-ingest-worker');
      assert.ok(so.spec.triggers.every((t: Obj) => t.type === 'redis' && /:bull:ingest-\w+:wait$/.test(t.metadata.listName)));
      assert.equal(deployment(d, 'ingest-worker').spec.replicas, undefined);
      assert.equal(deployment('overlays/production', 'ingest-worker').spec.replicas, 3);
    });
  });
});
