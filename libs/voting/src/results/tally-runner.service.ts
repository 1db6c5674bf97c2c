import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tally, TallyError, tallyResultToJson } from '@civitas/tally';
import { loadPoolElection } from './pool-election';
import { appendAudit } from '@civitas/database';

/**
 * Runs a tally run (the `tally-edition` job): reads the valid ballots of each pool, tallies it with the edition's rule,
 * seed, exclusions and ballot spec, and stores the result with the SHA-256 of its inputs. Idempotent: a finished run
 * is left alone; a run interrupted (a killed worker) is computed again from the same stored ballots and its results
 * replace whatever was stored, in one transaction. Logs carry ids and counts only — never voters or choices.
 */
@Injectable()
export class TallyRunner {
  private readonly logger = new Logger(TallyRunner.name);

  constructor(private readonly ds: DataSource) {}

  async run(tallyRunId: string): Promise<void> {
    const [run] = (await this.ds.query(`SELECT id, edition_id, status FROM tally_runs WHERE id = $1`, [tallyRunId])) as Array<{
      id: string;
      edition_id: string;
      status: string;
    }>;
    if (!run) {
      this.logger.warn(`Tally run ${tallyRunId} does not exist; nothing to do`);
      return;
    }
    if (run.status === 'done') return;
    await this.ds.query(`UPDATE tally_runs SET status = 'running', started_at = now(), error = NULL, finished_at = NULL WHERE id = $1 AND status <> 'done'`, [
      tallyRunId,
    ]);
    const started = Date.now();
    try {
      const pools = (await this.ds.query(`SELECT id FROM budget_pools WHERE edition_id = $1 ORDER BY created_at, id`, [run.edition_id])) as Array<{
        id: string;
      }>;
      const results: Array<{ poolId: string; sha: string; json: string; ballots: number }> = [];
      for (const pool of pools) {
        const { election, options } = await loadPoolElection(this.ds.manager, run.edition_id, pool.id);
        const result = tally(election, options);
        results.push({ poolId: pool.id, sha: result.inputSha256, json: JSON.stringify(tallyResultToJson(result)), ballots: result.ballots.total });
      }
      await this.ds.transaction(async (m) => {
        const [locked] = (await m.query(`SELECT status FROM tally_runs WHERE id = $1 FOR UPDATE`, [tallyRunId])) as Array<{ status: string }>;
        if (!locked || locked.status === 'done') return;
        await m.query(`DELETE FROM pool_results WHERE tally_run_id = $1`, [tallyRunId]);
        for (const r of results) {
          await m.query(`INSERT INTO pool_results (tally_run_id, pool_id, inputs_sha256, result) VALUES ($1, $2, $3, $4::jsonb)`, [
            tallyRunId,
            r.poolId,
            r.sha,
            r.json,
          ]);
        }
        await m.query(`UPDATE tally_runs SET status = 'done', error = NULL, finished_at = now() WHERE id = $1`, [tallyRunId]);
        await appendAudit(m, {
          actorId: null,
          action: 'voting.tally_finished',
          subjectType: 'edition',
          subjectId: run.edition_id,
          details: { tallyRunId, pools: results.map((r) => ({ poolId: r.poolId, inputsSha256: r.sha, ballots: r.ballots })) },
        });
      });
      const ballots = results.reduce((a, r) => a + r.ballots, 0);
      this.logger.log(`Tally run ${tallyRunId} (edition ${run.edition_id}): ${results.length} pools, ${ballots} ballots in ${Date.now() - started} ms`);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await this.ds.query(`UPDATE tally_runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1 AND status <> 'done'`, [
        tallyRunId,
        message.slice(0, 2000),
      ]);
      this.logger.error(`Tally run ${tallyRunId} failed: ${message}`);
      // A rule that cannot run fails the same way every time; anything else (database away) is worth a retry.
      if (!(err instanceof TallyError)) throw err;
    }
  }
}
