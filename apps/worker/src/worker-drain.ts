import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { WorkerHost } from '@nestjs/bullmq';

/**
 * On shutdown (SIGTERM), stops taking jobs and waits for the running ones to finish before anything else closes:
 * `beforeApplicationShutdown` runs ahead of every module's `onApplicationShutdown`, where the database connection
 * and mail transport are closed.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerDrain');

  constructor(private readonly discovery: DiscoveryService) {}

  async beforeApplicationShutdown(signal?: string): Promise<void> {
    const workers = this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost)
      .map((host) => {
        try {
          return host.worker;
        } catch {
          return null;
        }
      })
      .filter((w) => w !== null);
    this.logger.log(`Stopping${signal ? ` on ${signal}` : ''}: waiting for ${workers.length} queue workers to finish their jobs`);
    await Promise.all(workers.map((w) => w.close()));
  }
}
