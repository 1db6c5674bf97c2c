import { DynamicModule, Global, Injectable, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';
import { JobOutcome, Metrics } from './metrics';

/** @nestjs/bullmq's @Processor metadata: the queue name, as a string or `{ name }`. */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';

interface JobLike {
  name: string;
  processedOn?: number;
  finishedOn?: number;
}

interface ProcessorInstance {
  process(job: JobLike, token?: string): Promise<unknown>;
}

interface MailTransportLike {
  send(message: unknown): Promise<unknown>;
}

/** The BullMQ worker of a processor, or null when there is none (the in-process driver calls process() itself). */
function workerOf(host: WorkerHost): WorkerHost['worker'] | null {
  try {
    return host.worker;
  } catch {
    return null;
  }
}

/**
 * Connects the process's work to its metrics once every module is up: BullMQ workers report each finished or
 * failed job (apps/worker); without Redis the processors run in this process and are timed directly; the mail
 * transport counts what it sends. Libs that measure something at each scrape register a collector on `Metrics`
 * themselves (the queue lib its outbox), so that this module reads no table.
 */
@Injectable()
export class MetricsInstrumentation implements OnApplicationBootstrap {
  private readonly logger = new Logger('Metrics');

  constructor(
    private readonly metrics: Metrics,
    private readonly discovery: DiscoveryService,
  ) {}

  onApplicationBootstrap(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as unknown;
      if (!instance || typeof instance !== 'object') continue;
      if (instance instanceof WorkerHost && wrapper.metatype) this.instrumentProcessor(instance, wrapper.metatype as object);
      else if (wrapper.name === 'MailTransport' && typeof (instance as MailTransportLike).send === 'function')
        this.instrumentMail(instance as MailTransportLike);
    }
  }

  private instrumentProcessor(host: WorkerHost, metatype: object): void {
    const meta = Reflect.getMetadata(PROCESSOR_METADATA, metatype) as string | { name?: string } | undefined;
    const queue = (typeof meta === 'string' ? meta : meta?.name) ?? metatype.constructor.name;
    const worker = workerOf(host);
    if (worker) {
      const seconds = (job: JobLike | undefined) => (job?.processedOn && job.finishedOn ? (job.finishedOn - job.processedOn) / 1000 : null);
      worker.on('completed', (job: JobLike) => this.metrics.observeJob(queue, job.name, 'completed', seconds(job)));
      worker.on('failed', (job: JobLike | undefined) => this.metrics.observeJob(queue, job?.name ?? 'unknown', 'failed', seconds(job)));
      // Connection errors while Redis is away: counted, and logged once in a while instead of once per retry.
      worker.on('error', (err: Error) => this.workerError(queue, err));
      return;
    }
    const target = host as unknown as ProcessorInstance;
    const original = target.process.bind(target);
    target.process = async (job: JobLike, token?: string) => {
      const started = performance.now();
      let outcome: JobOutcome = 'failed';
      try {
        const result = await original(job, token);
        outcome = 'completed';
        return result;
      } finally {
        this.metrics.observeJob(queue, job.name, outcome, (performance.now() - started) / 1000);
      }
    };
  }

  private lastWorkerErrorLog = 0;

  private workerError(queue: string, err: Error): void {
    this.metrics.workerErrors.inc({ queue });
    if (Date.now() - this.lastWorkerErrorLog < 30_000) return;
    this.lastWorkerErrorLog = Date.now();
    this.logger.warn(`Queue worker ${queue}: ${err.message} (repeats are counted in civitas_worker_errors_total, logged every 30 s)`);
  }

  private instrumentMail(transport: MailTransportLike): void {
    const original = transport.send.bind(transport);
    transport.send = async (message: unknown) => {
      try {
        const sent = await original(message);
        this.metrics.mails.inc({ outcome: 'sent' });
        return sent;
      } catch (err) {
        this.metrics.mails.inc({ outcome: 'failed' });
        throw err;
      }
    };
  }
}

/**
 * Prometheus metrics for the process (see Metrics). Global: the API's /metrics route and the worker's metrics port
 * read the same registry.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(opts: { defaults?: boolean } = {}): DynamicModule {
    return {
      module: MetricsModule,
      imports: [DiscoveryModule],
      providers: [{ provide: Metrics, useFactory: () => new Metrics(opts.defaults ?? true) }, MetricsInstrumentation],
      exports: [Metrics],
    };
  }
}
