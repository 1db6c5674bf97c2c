import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export type JobOutcome = 'completed' | 'failed';
export type MailOutcome = 'sent' | 'failed';

/** Scrape-time work (a database query, queue counts) must never hang a scrape: it is given this long. */
export const COLLECT_TIMEOUT_MS = 2000;

const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Resolves with `p`, or rejects after `ms` (the promise itself is left to settle on its own). */
export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
    timer.unref?.();
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The Prometheus metrics of one process (prom-client, a registry of its own). Labels never carry personal data:
 * HTTP requests are labelled by route pattern (`/api/v1/editions/:id/ballots`), never by the URL; jobs by queue and
 * job name; mails by outcome only.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'civitas_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly jobs = new Counter({
    name: 'civitas_jobs_total',
    help: 'Job runs in this process by queue, job name and outcome (a failed attempt that is retried counts as failed)',
    labelNames: ['queue', 'job', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'civitas_job_duration_seconds',
    help: 'Job run time in this process by queue, job name and outcome',
    labelNames: ['queue', 'job', 'outcome'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });

  readonly mails = new Counter({
    name: 'civitas_mails_total',
    help: 'Mails handed to the mail transport by this process, by outcome',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly workerErrors = new Counter({
    name: 'civitas_worker_errors_total',
    help: 'Errors reported by BullMQ workers in this process (mostly Redis connection errors while it is away)',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  private readonly collectors: Array<{ name: string; run: () => Promise<void> }> = [];

  private readonly collectErrors = new Counter({
    name: 'civitas_metrics_collect_errors_total',
    help: 'Scrape-time collections that failed or timed out (e.g. the database was unreachable)',
    labelNames: ['collector'] as const,
    registers: [this.registry],
  });

  constructor(defaults = true) {
    for (const o of ['sent', 'failed'] as const) this.mails.inc({ outcome: o }, 0);
    if (defaults) collectDefaultMetrics({ register: this.registry });
  }

  /** Work done at each scrape before the metrics are rendered (bounded by COLLECT_TIMEOUT_MS). */
  addCollector(name: string, run: () => Promise<void>): void {
    this.collectors.push({ name, run });
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    const existing = this.registry.getSingleMetric(name);
    if (existing) return existing as Gauge<L>;
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  observeHttp(method: string, route: string | undefined, status: number, seconds: number): void {
    this.httpDuration.observe({ method: HTTP_METHODS.has(method) ? method : 'OTHER', route: route ?? '(unmatched)', status: String(status) }, seconds);
  }

  observeJob(queue: string, job: string, outcome: JobOutcome, seconds: number | null): void {
    this.jobs.inc({ queue, job, outcome });
    if (seconds !== null && Number.isFinite(seconds) && seconds >= 0) this.jobDuration.observe({ queue, job, outcome }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition format, after running every collector (a failed one is counted, never fatal). */
  async render(): Promise<string> {
    await Promise.all(this.collectors.map((c) => withTimeout(c.run(), COLLECT_TIMEOUT_MS, c.name).catch(() => this.collectErrors.inc({ collector: c.name }))));
    return this.registry.metrics();
  }
}
