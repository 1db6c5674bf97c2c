/**
 * The ballot services of libs/voting, which its public face (`@civitas/voting`) does not export — it exports the
 * modules, the results and the tally runner only. The demo casts and keys its ballots through these services, as the
 * ballot routes of the API do, so it imports them from their files. Once `libs/voting/src/index.ts` exports them,
 * this file becomes an import from `@civitas/voting`.
 */
export { type BallotInput, BallotsService } from '../../../../../libs/voting/src/ballots/ballots.service';
export { PaperBallotsService } from '../../../../../libs/voting/src/ballots/paper-ballots.service';
export { VotingConfigService } from '../../../../../libs/voting/src/ballots/voting-config.service';
