/**
 * Every Kubernetes manifest in infra/k8s is checked against its API schema (kubernetes-models for the
 * built-in kinds, @kubernetes-models/cloudnative-pg for the database), and the pieces are checked to fit
 * together: the kustomization lists every file, selectors find their pods, the Ingress and the autoscaler
 * point at what exists, probes are on /health, every container is non-root with limits.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Namespace, Secret, Service } from 'kubernetes-models/v1';
import { Cluster, ScheduledBackup } from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';

const dir = fileURLToPath(new URL('../k8s/', import.meta.url));

type Manifest = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: any;
};

/** The model that validates each apiVersion/kind; a kind missing here fails the test. */
const models: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'apps/v1/Deployment': Deployment,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'postgresql.cnpg.io/v1/Cluster': Cluster,
  'postgresql.cnpg.io/v1/ScheduledBackup': ScheduledBackup,
};

const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
const byFile = new Map<string, Manifest[]>(
  files.map((file) => {
    const docs = parseAllDocuments(readFileSync(join(dir, file), 'utf8'));
    for (const doc of docs) if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0]!.message}`);
    return [file, docs.map((d) => d.toJS() as Manifest)];
  }),
);
const all = [...byFile.values()].flat();
const ofKind = (kind: string) => all.filter((m) => m.kind === kind);
const named = (kind: string, name: string) => {
  const found = ofKind(kind).find((m) => m.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
};
const matches = (selector: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

describe('Kubernetes manifests (infra/k8s)', () => {
  it.each(files)('%s validates against its API schema', (file) => {
    for (const manifest of byFile.get(file)!) {
      const Model = models[`${manifest.apiVersion}/${manifest.kind}`];
      expect(Model, `${file}: no schema for ${manifest.apiVersion} ${manifest.kind}`).toBeDefined();
      expect(() => new Model!(manifest).validate()).not.toThrow();
    }
  });

  it('a broken manifest is caught (the validation is real)', () => {
    const deployment = structuredClone(named('Deployment', 'continuity-gateway'));
    deployment.spec.replicas = 'three';
    expect(() => new Deployment(deployment as any).validate()).toThrow(/replicas/);
    const cluster = structuredClone(named('Cluster', 'continuity-db'));
    cluster.spec.instances = 0;
    expect(() => new Cluster(cluster as any).validate()).toThrow(/instances/);
  });

  it('the kustomization lists every manifest but the secret templates, and nothing else', () => {
    const kustomization = parseAllDocuments(readFileSync(join(dir, 'kustomization.yaml'), 'utf8'))[0]!.toJS() as {
      resources: string[];
      namespace: string;
    };
    expect([...kustomization.resources].sort()).toEqual(files.filter((f) => !f.startsWith('secrets.')).sort());
    expect(kustomization.namespace).toBe('continuity');
    // Templates hold placeholders only.
    for (const secret of ofKind('Secret'))
      for (const value of Object.values(secret.stringData as Record<string, string>)) expect(value).toMatch(/REPLACE/);
  });

  it('gateway: several copies, probes on /health, limits, non-root, a PDB and an autoscaler that find it', () => {
    const gateway = named('Deployment', 'continuity-gateway');
    const pod = gateway.spec.template;
    expect(gateway.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(matches(gateway.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    const [container] = pod.spec.containers;
    expect(container.readinessProbe.httpGet).toMatchObject({ path: '/health', port: 'http' });
    expect(container.livenessProbe.httpGet).toMatchObject({ path: '/health', port: 'http' });
    expect(pod.spec.restartPolicy).toBe('Always');
    // The drain (SHUTDOWN_GRACE_MS) plus the preStop pause fits in the grace period.
    const config = named('ConfigMap', 'continuity-gateway').data;
    expect(Number(config.SHUTDOWN_GRACE_MS) / 1000 + 5).toBeLessThan(pod.spec.terminationGracePeriodSeconds);
    expect(container.env.map((e: { name: string }) => e.name)).toEqual(
      expect.arrayContaining(['DATABASE_URL', 'DATABASE_READ_URL']),
    );
    expect(container.env.find((e: { name: string }) => e.name === 'DATABASE_READ_URL').value).toContain(
      'continuity-db-ro',
    );
    const pdb = named('PodDisruptionBudget', 'continuity-gateway');
    expect(matches(pdb.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
    expect(pdb.spec.minAvailable).toBeLessThan(gateway.spec.replicas);
    const hpa = named('HorizontalPodAutoscaler', 'continuity-gateway');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'continuity-gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThan(pdb.spec.minAvailable);
  });

  it('every container has requests and limits and runs as non-root without privilege escalation', () => {
    for (const deployment of ofKind('Deployment')) {
      const spec = deployment.spec.template.spec;
      expect(spec.securityContext.runAsNonRoot, deployment.metadata.name).toBe(true);
      expect(spec.securityContext.runAsUser).toBeGreaterThan(0);
      for (const container of spec.containers) {
        expect(container.resources.requests.cpu, container.name).toBeDefined();
        expect(container.resources.limits.memory, container.name).toBeDefined();
        expect(container.securityContext.allowPrivilegeEscalation).toBe(false);
        expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
      }
    }
  });

  it('services select pods that exist; the Ingress routes the API to the gateway and the rest to the dashboard', () => {
    const podLabels = ofKind('Deployment').map((d) => d.spec.template.metadata.labels);
    for (const service of ofKind('Service'))
      expect(
        podLabels.some((l) => matches(service.spec.selector, l)),
        service.metadata.name,
      ).toBe(true);
    const routes = Object.fromEntries(
      named('Ingress', 'continuity').spec.rules[0].http.paths.map((p: any) => [p.path, p.backend.service.name]),
    );
    expect(routes).toEqual({
      '/graphql': 'continuity-gateway',
      '/returns': 'continuity-gateway',
      '/auth': 'continuity-gateway',
      '/.well-known': 'continuity-gateway',
      '/health': 'continuity-gateway',
      '/': 'continuity-dashboard',
    });
    for (const name of new Set(Object.values(routes))) named('Service', name);
  });

  it('database: a CloudNativePG cluster of one primary and two replicas, backed up to object storage nightly', () => {
    const cluster = named('Cluster', 'continuity-db');
    expect(cluster.spec.instances).toBe(3);
    expect(cluster.spec.backup.barmanObjectStore.destinationPath).toMatch(/^s3:\/\//);
    const credentials = cluster.spec.backup.barmanObjectStore.s3Credentials;
    const store = named('Secret', credentials.accessKeyId.name);
    expect(Object.keys(store.stringData)).toEqual(
      expect.arrayContaining([credentials.accessKeyId.key, credentials.secretAccessKey.key]),
    );
    const backup = named('ScheduledBackup', 'continuity-db-nightly');
    expect(backup.spec.cluster.name).toBe('continuity-db');
    expect(backup.spec.schedule.split(' ')).toHaveLength(6);
  });
});
