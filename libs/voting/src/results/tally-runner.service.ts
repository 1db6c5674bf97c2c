import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PoolRepository, ProjectRepository } from '@civitas/budget';
import { tally, TallyError, tallyResultToJson } from '@civitas/tally';
import { loadPoolElection } from './pool-election';
import { appendAudit } from '@civitas/database';
import { ResultsRepository } from './results.repository';
import { TallyRunRepository } from './tally-run.repository';

/**
 * Runs a tally run (the `tally-edition` job): reads the valid ballots of each pool, tallies it with the edition's rule,
 * seed, exclusions and ballot spec, and stores the result with the SHA-256 of its inputs. Idempotent: a finished run
 * is left alone; a run interrupted (a killed worker) is computed again from the same stored ballots and its results
 * replace whatever was stored, in one transaction. Logs carry ids and counts only — never voters or choices.
 */
@Injectable()
export class TallyRunner {
  private readonly logger = new Logger(TallyRunner.name);

  constructor(
    private readonly ds: DataSource,
    private readonly runs: TallyRunRepository,
    private readonly results: ResultsRepository,
    private readonly pools: PoolRepository,
    private readonly projects: ProjectRepository,
  ) {}

  async run(tallyRunId: string): Promise<void> {
    const run = await this.runs.findHead(tallyRunId);
    if (!run) {
      this.logger.warn(`Tally run ${tallyRunId} does not exist; nothing to do`);
      return;
    }
    if (run.status === 'done') return;
    await this.runs.markRunning(tallyRunId);
    const started = Date.now();
    try {
      const pools = await this.pools.listOfEdition(this.ds.manager, run.editionId);
      const sources = { results: this.results, pools: this.pools, projects: this.projects };
      const results: Array<{ poolId: string; sha: string; json: string; ballots: number }> = [];
      for (const { id: poolId } of pools) {
        const { election, options } = await loadPoolElection(this.ds.manager, run.editionId, poolId, sources);
        const result = tally(election, options);
        results.push({ poolId, sha: result.inputSha256, json: JSON.stringify(tallyResultToJson(result)), ballots: result.ballots.total });
      }
      await this.ds.transaction(async (m) => {
        const locked = await this.runs.lockStatus(m, tallyRunId);
        if (locked === undefined || locked === 'done') return;
        await this.results.deletePoolResults(m, tallyRunId);
        for (const r of results) await this.results.insertPoolResult(m, tallyRunId, r);
        await this.runs.markDone(m, tallyRunId);
        await appendAudit(m, {
          actorId: null,
          action: 'voting.tally_finished',
          subjectType: 'edition',
          subjectId: run.editionId,
          details: { tallyRunId, pools: results.map((r) => ({ poolId: r.poolId, inputsSha256: r.sha, ballots: r.ballots })) },
        });
      });
      const ballots = results.reduce((a, r) => a + r.ballots, 0);
      this.logger.log(`Tally run ${tallyRunId} (edition ${run.editionId}): ${results.length} pools, ${ballots} ballots in ${Date.now() - started} ms`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.runs.markFailed(tallyRunId, message.slice(0, 2000));
      this.logger.error(`Tally run ${tallyRunId} failed: ${message}`);
      // A rule that cannot run fails the same way every time; anything else (database away) is worth a retry.
      if (!(err instanceof TallyError)) throw err;
    }
  }
}
