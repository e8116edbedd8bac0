/**
 * zod schemas for the Kubernetes fields deploy/k8s relies on. Strict objects where we author the whole
 * object (a misspelt key such as `readinesProbe` fails instead of being silently ignored by the API server's
 * pruning), and value rules the API server would enforce (names, ports, label syntax). This is the CI
 * schema check: no cluster or network is needed.
 */
import { z } from 'zod';

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a DNS-1123 label').max(63);
const labelKey = z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
const labels = z.record(labelKey, z.string().max(63));
const quantity = z.string().regex(/^\d+(\.\d+)?(m|Mi|Gi|Ki)?$/, 'must be a Kubernetes quantity such as 250m or 256Mi');
const port = z.number().int().min(1).max(65535);
const portRef = z.union([port, dnsLabel.max(15)]);

const metadata = z.strictObject({
  name: dnsLabel,
  labels: labels.refine((l) => l['app.kubernetes.io/name'] !== undefined, 'needs app.kubernetes.io/name'),
  annotations: z.record(z.string(), z.string()).optional(),
});

const httpProbe = z.strictObject({
  httpGet: z.strictObject({ path: z.string().startsWith('/'), port: portRef }),
  initialDelaySeconds: z.number().int().min(0).optional(),
  periodSeconds: z.number().int().min(1).optional(),
  timeoutSeconds: z.number().int().min(1).optional(),
  failureThreshold: z.number().int().min(1).optional(),
});

const envVar = z.strictObject({
  name: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
  value: z.string().optional(),
  valueFrom: z
    .strictObject({
      secretKeyRef: z.strictObject({ name: dnsLabel, key: z.string(), optional: z.boolean().optional() }),
    })
    .optional(),
});

export const ContainerSchema = z.strictObject({
  name: dnsLabel,
  image: z.string().regex(/^[^\s:]+(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/),
  imagePullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']),
  ports: z.array(z.strictObject({ name: dnsLabel.max(15), containerPort: port })).min(1),
  envFrom: z.array(z.strictObject({ configMapRef: z.strictObject({ name: dnsLabel }) })).optional(),
  env: z.array(envVar).optional(),
  resources: z.strictObject({
    requests: z.strictObject({ cpu: quantity, memory: quantity }),
    limits: z.strictObject({ cpu: quantity, memory: quantity }),
  }),
  startupProbe: httpProbe.optional(),
  readinessProbe: httpProbe,
  livenessProbe: httpProbe,
  lifecycle: z.strictObject({ preStop: z.strictObject({ exec: z.strictObject({ command: z.array(z.string()).min(1) }) }) }).optional(),
  securityContext: z.strictObject({
    allowPrivilegeEscalation: z.literal(false),
    readOnlyRootFilesystem: z.boolean(),
    capabilities: z.strictObject({ drop: z.array(z.string()) }),
  }),
  volumeMounts: z.array(z.strictObject({ name: dnsLabel, mountPath: z.string().startsWith('/'), readOnly: z.boolean().optional() })),
});

const volume = z.strictObject({
  name: dnsLabel,
  configMap: z.strictObject({ name: dnsLabel }).optional(),
  emptyDir: z.strictObject({}).optional(),
});

export const DeploymentSchema = z.strictObject({
  apiVersion: z.literal('apps/v1'),
  kind: z.literal('Deployment'),
  metadata,
  spec: z.strictObject({
    replicas: z.number().int().min(1),
    revisionHistoryLimit: z.number().int().min(0).optional(),
    strategy: z.strictObject({
      type: z.literal('RollingUpdate'),
      rollingUpdate: z.strictObject({ maxUnavailable: z.union([z.number(), z.string()]), maxSurge: z.union([z.number(), z.string()]) }),
    }),
    selector: z.strictObject({ matchLabels: labels }),
    template: z.strictObject({
      metadata: z.strictObject({ labels, annotations: z.record(z.string(), z.string()) }),
      spec: z.strictObject({
        terminationGracePeriodSeconds: z.number().int().min(1),
        automountServiceAccountToken: z.boolean().optional(),
        securityContext: z.strictObject({
          runAsNonRoot: z.literal(true),
          runAsUser: z.number().int().min(1),
          runAsGroup: z.number().int().min(1),
          seccompProfile: z.strictObject({ type: z.literal('RuntimeDefault') }),
        }),
        containers: z.array(ContainerSchema).length(1),
        volumes: z.array(volume),
      }),
    }),
  }),
});

export const ServiceSchema = z.strictObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Service'),
  metadata,
  spec: z.strictObject({
    type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer']),
    selector: labels,
    ports: z.array(z.strictObject({ name: dnsLabel, port, targetPort: portRef })).min(1),
  }),
});

export const HpaSchema = z.strictObject({
  apiVersion: z.literal('autoscaling/v2'),
  kind: z.literal('HorizontalPodAutoscaler'),
  metadata,
  spec: z
    .strictObject({
      scaleTargetRef: z.strictObject({ apiVersion: z.string(), kind: z.string(), name: dnsLabel }),
      minReplicas: z.number().int().min(1),
      maxReplicas: z.number().int().min(1),
      metrics: z
        .array(
          z.strictObject({
            type: z.literal('Resource'),
            resource: z.strictObject({
              name: z.enum(['cpu', 'memory']),
              target: z.strictObject({ type: z.literal('Utilization'), averageUtilization: z.number().int().min(1).max(100) }),
            }),
          }),
        )
        .min(1),
      behavior: z.strictObject({ scaleDown: z.strictObject({ stabilizationWindowSeconds: z.number().int().min(0) }) }).optional(),
    })
    .refine((s) => s.minReplicas <= s.maxReplicas, 'minReplicas must not exceed maxReplicas'),
});

export const ConfigMapSchema = z.strictObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('ConfigMap'),
  metadata,
  data: z.record(z.string().regex(/^[A-Z_][A-Z0-9_]*$/), z.string()),
});

export const PdbSchema = z.strictObject({
  apiVersion: z.literal('policy/v1'),
  kind: z.literal('PodDisruptionBudget'),
  metadata,
  spec: z.strictObject({ minAvailable: z.number().int().min(1), selector: z.strictObject({ matchLabels: labels }) }),
});

export const NetworkPolicySchema = z.strictObject({
  apiVersion: z.literal('networking.k8s.io/v1'),
  kind: z.literal('NetworkPolicy'),
  metadata,
  spec: z.strictObject({
    podSelector: z.strictObject({ matchLabels: labels }),
    policyTypes: z.array(z.enum(['Ingress', 'Egress'])),
    ingress: z.array(
      z.strictObject({
        from: z.array(z.strictObject({ namespaceSelector: z.strictObject({ matchLabels: labels }) })).optional(),
        ports: z.array(z.strictObject({ port: portRef })),
      }),
    ),
  }),
});

export const KustomizationSchema = z.strictObject({
  apiVersion: z.literal('kustomize.config.k8s.io/v1beta1'),
  kind: z.literal('Kustomization'),
  resources: z.array(z.string().endsWith('.yaml')).min(1),
});

/** Schema by kind, for every object a manifest in deploy/k8s may contain. */
export const SCHEMAS: Record<string, z.ZodType> = {
  Deployment: DeploymentSchema,
  Service: ServiceSchema,
  HorizontalPodAutoscaler: HpaSchema,
  ConfigMap: ConfigMapSchema,
  PodDisruptionBudget: PdbSchema,
  NetworkPolicy: NetworkPolicySchema,
  Kustomization: KustomizationSchema,
};
