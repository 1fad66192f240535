import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ReplicaStatus } from '@continuity/db';

/** Operation names are chosen by clients: keep label values short, plain, and few. */
const MAX_OPERATION_NAMES = 200;
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * The gateway's Prometheus metrics, in a registry of its own (two gateways in one test process do not
 * share counters). Names follow Prometheus conventions: seconds, bytes, _total for counters.
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly httpRequests = new Counter({
    name: 'continuity_http_requests_total',
    help: 'HTTP requests answered, by route and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  readonly httpDuration = new Histogram({
    name: 'continuity_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route.',
    labelNames: ['route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers: [this.registry],
  });
  readonly graphqlOperations = new Counter({
    name: 'continuity_graphql_operations_total',
    help: 'GraphQL operations executed, by operation name and type, where they read, and outcome.',
    labelNames: ['operation', 'type', 'read_from', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({
    name: 'continuity_graphql_operation_duration_seconds',
    help: 'Time to execute a GraphQL operation (parse to response), by operation name and type.',
    labelNames: ['operation', 'type'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly importDuration = new Histogram({
    name: 'continuity_import_duration_seconds',
    help: 'Time to import one return (read, validate, store, recompute), by kind and result.',
    labelNames: ['kind', 'status'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
    registers: [this.registry],
  });
  readonly importRows = new Counter({
    name: 'continuity_import_rows_total',
    help: 'Child-level and worker-level rows written by accepted imports, by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly importsTotal = new Counter({
    name: 'continuity_imports_total',
    help: 'Returns imported, by kind and result (accepted, unchanged, rejected).',
    labelNames: ['kind', 'status'] as const,
    registers: [this.registry],
  });
  readonly rejectedReturns = new Counter({
    name: 'continuity_returns_rejected_total',
    help: 'Returns refused by validation (stored as rejected, with their errors), by kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  readonly replicaUp = new Gauge({
    name: 'continuity_replica_up',
    help: '1 when reads go to the standby (DATABASE_READ_URL) because it answers and is close enough behind, else 0.',
    registers: [this.registry],
  });
  readonly replicaLagBytes = new Gauge({
    name: 'continuity_replica_lag_bytes',
    help: 'WAL bytes the standby has not replayed yet (at the last probe).',
    registers: [this.registry],
  });
  readonly replicaLagSeconds = new Gauge({
    name: 'continuity_replica_lag_seconds',
    help: 'Seconds since the last commit the standby replayed, while it is behind (0 when caught up).',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'continuity_' });
  }

  /** A bounded label for an operation name: anonymous, a plain name, or "other". */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!PLAIN_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  recordReplica(status: ReplicaStatus): void {
    this.replicaUp.set(status.state === 'up' ? 1 : 0);
    if (status.lagBytes !== null) this.replicaLagBytes.set(status.lagBytes);
    if (status.lagSeconds !== null) this.replicaLagSeconds.set(status.lagSeconds);
  }

  recordImport(
    result: { kind: string; status: string; written: Record<string, number>; timings?: { totalMs?: number } },
    seconds: number,
  ): void {
    this.importsTotal.inc({ kind: result.kind, status: result.status });
    this.importDuration.observe({ kind: result.kind, status: result.status }, seconds);
    if (result.status === 'rejected') this.rejectedReturns.inc({ kind: result.kind });
    const rows = Object.values(result.written).reduce((sum, n) => sum + n, 0);
    if (rows > 0) this.importRows.inc({ kind: result.kind }, rows);
  }

  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
