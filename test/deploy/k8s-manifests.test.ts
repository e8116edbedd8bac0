import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../../src/config';
import { ROOT } from '../harness';
import { ConfigMapSchema, DeploymentSchema, HpaSchema, KustomizationSchema, NetworkPolicySchema, PdbSchema, SCHEMAS, ServiceSchema } from './k8s-schemas';

const DIR = path.join(ROOT, 'deploy/k8s');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.yaml'));

/** Every document of every manifest, parsed; YAML errors fail here with the file name. */
const DOCS = FILES.flatMap((file) =>
  parseAllDocuments(readFileSync(path.join(DIR, file), 'utf8')).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    return { file, value: doc.toJS() as { kind?: string } };
  }),
);

function only<T extends z.ZodType>(kind: string, schema: T): z.output<T> {
  const docs = DOCS.filter((d) => d.value.kind === kind);
  expect(docs).toHaveLength(1);
  return schema.parse(docs[0]!.value);
}

const deployment = () => only('Deployment', DeploymentSchema);
const container = () => deployment().spec.template.spec.containers[0]!;
const config = () => only('ConfigMap', ConfigMapSchema);
const containsLabels = (labels: Record<string, string>, selector: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe('deploy/k8s manifests (schema check)', () => {
  it.each(DOCS.map((d) => [d.file, d.value.kind ?? '(no kind)', d.value] as const))('%s: %s matches its schema', (_file, kind, value) => {
    const schema = SCHEMAS[kind];
    if (!schema) throw new Error(`no schema for kind ${kind}`);
    const result = schema.safeParse(value);
    if (!result.success) throw new Error(z.prettifyError(result.error));
  });

  it('kustomization lists every manifest in the folder', () => {
    const kustomization = only('Kustomization', KustomizationSchema);
    expect([...kustomization.resources].sort()).toEqual(FILES.filter((f) => f !== 'kustomization.yaml').sort());
  });

  it('probes all point at /healthz on the container http port', () => {
    const c = container();
    const httpPort = c.ports.find((p) => p.name === 'http')!;
    for (const probe of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
      expect(probe?.httpGet.path).toBe('/healthz');
      expect([httpPort.name, httpPort.containerPort]).toContain(probe?.httpGet.port);
    }
    expect(httpPort.containerPort).toBe(Number(config().data.PORT));
  });

  it('selectors match the pod labels (Deployment, Service, PodDisruptionBudget, NetworkPolicy)', () => {
    const podLabels = deployment().spec.template.metadata.labels;
    expect(containsLabels(podLabels, deployment().spec.selector.matchLabels)).toBe(true);
    expect(containsLabels(podLabels, only('Service', ServiceSchema).spec.selector)).toBe(true);
    expect(containsLabels(podLabels, only('PodDisruptionBudget', PdbSchema).spec.selector.matchLabels)).toBe(true);
    expect(containsLabels(podLabels, only('NetworkPolicy', NetworkPolicySchema).spec.podSelector.matchLabels)).toBe(true);
  });

  it('the Service targets the http port and does not expose metrics', () => {
    const service = only('Service', ServiceSchema);
    const names = container().ports.map((p) => p.name);
    for (const p of service.spec.ports) expect(names).toContain(p.targetPort);
    expect(service.spec.ports.map((p) => p.targetPort)).not.toContain('metrics');
  });

  it('the HorizontalPodAutoscaler scales this Deployment, which requests CPU', () => {
    const hpa = only('HorizontalPodAutoscaler', HpaSchema);
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment().metadata.name });
    expect(container().resources.requests.cpu).toBeDefined();
  });

  it('mounts the FAQ data ConfigMap where FAQ_FILE and SYNONYMS_FILE point', () => {
    const spec = deployment().spec.template.spec;
    const dataVolume = spec.volumes.find((v) => v.configMap !== undefined)!;
    expect(dataVolume.configMap?.name).toBe('kakao-faq-data');
    const mount = container().volumeMounts.find((m) => m.name === dataVolume.name)!;
    expect(mount.readOnly).toBe(true);
    expect(config().data.FAQ_FILE!.startsWith(`${mount.mountPath}/`)).toBe(true);
    expect(config().data.SYNONYMS_FILE!.startsWith(`${mount.mountPath}/`)).toBe(true);
    expect(container().envFrom?.[0]?.configMapRef.name).toBe(config().metadata.name);
  });

  it('puts every path the server writes on a writable mount (the root filesystem is read-only)', () => {
    const spec = deployment().spec.template.spec;
    expect(container().securityContext.readOnlyRootFilesystem).toBe(true);
    const parsed = parseConfig({ ...config().data, METRICS_TOKEN: 'from-the-secret-0123' }, '/app');
    for (const written of [parsed.faqReloadForceFile, parsed.feedbackFile, parsed.embeddingsCacheDir]) {
      const mount = container().volumeMounts.find((m) => written.startsWith(`${m.mountPath}/`));
      expect({ written, mounted: mount !== undefined && mount.readOnly !== true }).toEqual({ written, mounted: true });
      // only an emptyDir is writable here; a ConfigMap volume is read-only whatever the mount says
      expect(spec.volumes.find((v) => v.name === mount!.name)?.emptyDir).toBeDefined();
    }
  });

  it('takes SKILL_SECRET and USER_KEY_SALT from a Secret, never from plain values', () => {
    const env = container().env ?? [];
    for (const name of ['SKILL_SECRET', 'USER_KEY_SALT']) {
      const entry = env.find((e) => e.name === name);
      expect(entry?.valueFrom?.secretKeyRef.name).toBe('kakao-faq-skill');
      expect(entry?.value).toBeUndefined();
    }
    // the metrics listener binds the pod IP, where the server requires a token: it may not be optional
    const token = env.find((e) => e.name === 'METRICS_TOKEN');
    expect(token?.valueFrom?.secretKeyRef).toEqual({ name: 'kakao-faq-skill', key: 'METRICS_TOKEN' });
    const plain = new Set([...Object.keys(config().data), ...env.filter((e) => e.value !== undefined).map((e) => e.name)]);
    for (const secret of ['SKILL_SECRET', 'USER_KEY_SALT', 'METRICS_TOKEN']) expect(plain.has(secret)).toBe(false);
  });

  it('runs as non-root from a pinned image (not :latest)', () => {
    const c = container();
    expect(c.image).toMatch(/:[\w.-]+$/);
    expect(c.image).not.toMatch(/:latest$/);
    expect(deployment().spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    expect(c.securityContext.capabilities.drop).toContain('ALL');
  });

  it('tells Prometheus where the metrics listener is, and the listener is reachable on the pod IP', () => {
    const annotations = deployment().spec.template.metadata.annotations;
    const metricsPort = container().ports.find((p) => p.name === 'metrics')!;
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(annotations['prometheus.io/path']).toBe('/metrics');
    expect(Number(annotations['prometheus.io/port'])).toBe(metricsPort.containerPort);
    expect(Number(config().data.METRICS_PORT)).toBe(metricsPort.containerPort);
    expect(config().data.METRICS_HOST).toBe('0.0.0.0');
  });

  it('the ConfigMap is a valid server configuration (parsed by src/config.ts itself)', () => {
    const secrets = { SKILL_SECRET: 'from-the-secret-0123', USER_KEY_SALT: 'from-the-secret-0123', METRICS_TOKEN: 'from-the-secret-0123' };
    const parsed = parseConfig({ ...config().data, ...secrets }, '/app');
    expect(parsed.workers).toBe(1);
    expect(parsed.faqFile).toBe('/app/faq-data/faq.json');
    // without the token from the Secret the server would refuse to start
    expect(() => parseConfig({ ...config().data, ...secrets, METRICS_TOKEN: undefined }, '/app')).toThrow(/METRICS_TOKEN: required/);
  });

  it('gives draining time: termination grace > SHUTDOWN_GRACE_MS + the preStop pause', () => {
    const spec = deployment().spec.template.spec;
    const pause = Number(container().lifecycle?.preStop.exec.command[1] ?? 0);
    expect(spec.terminationGracePeriodSeconds * 1000).toBeGreaterThan(Number(config().data.SHUTDOWN_GRACE_MS) + pause * 1000);
  });

  it('would catch a misspelt field (the schemas are strict)', () => {
    const value = structuredClone(DOCS.find((d) => d.value.kind === 'Deployment')!.value) as any;
    value.spec.template.spec.containers[0].readinesProbe = value.spec.template.spec.containers[0].readinessProbe;
    delete value.spec.template.spec.containers[0].readinessProbe;
    expect(DeploymentSchema.safeParse(value).success).toBe(false);
  });
});
