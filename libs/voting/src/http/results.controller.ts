import { Controller, Get, Header, Headers, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@civitas/auth';
import { VotingError } from '../results/results.errors';
import { ResultsService } from '../results/results.service';
import {
  AuditResponse,
  EmbargoedResultsReviewResponse,
  PublicResultsResponse,
  PublishedResponse,
  PublishedResultsReviewResponse,
  TallyQueuedResponse,
} from './results.response';

const EditionId = new ParseUUIDPipe({ exceptionFactory: () => VotingError.editionNotFound() });

@ApiTags('voting (admin)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official', 'admin')
@Controller('api/v1/admin/editions')
export class ResultsAdminController {
  constructor(private readonly service: ResultsService) {}

  @Post(':id/tally')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start the tally of an edition (after voting has closed); runs as a job' })
  @ApiAcceptedResponse({ type: TallyQueuedResponse })
  tally(@Param('id', EditionId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<TallyQueuedResponse> {
    return this.service.requestTally(user, id);
  }

  @Get(':id/results')
  @ApiOperation({
    summary: 'The latest tally run and its results per pool, for review before publication',
    description:
      'Before publication (embargo: true) per pool only ballots, inputs hash, spending and which projects are selected — no votes, scores, ranks or tie-breaks — and only the pools within the caller’s areas (city-wide pools need a city-wide grant). Once published (embargo: false) every pool in full.',
  })
  @ApiExtraModels(EmbargoedResultsReviewResponse, PublishedResultsReviewResponse)
  @ApiOkResponse({
    description: 'EmbargoedResultsReviewResponse before publication (embargo: true), PublishedResultsReviewResponse once published (embargo: false).',
    schema: { oneOf: [{ $ref: getSchemaPath(EmbargoedResultsReviewResponse) }, { $ref: getSchemaPath(PublishedResultsReviewResponse) }] },
  })
  results(
    @Param('id', EditionId) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<EmbargoedResultsReviewResponse | PublishedResultsReviewResponse> {
    return this.service.reviewResults(user, id);
  }

  @Get(':id/audit')
  @ApiOperation({
    summary: 'The audit log of the vote: every official act on its policy, specs, paper ballots, tally and results, hash-chained',
    description: 'Entries in order with their hash and the previous one; `chainIntact` is false when any entry of the whole log no longer matches its hash.',
  })
  @ApiOkResponse({ type: AuditResponse })
  audit(@Param('id', EditionId) id: string): Promise<AuditResponse> {
    return this.service.audit(id);
  }

  @Post(':id/results/publish')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Publish the results of the latest finished tally: project statuses and notifications',
    description: '403 forbidden unless the caller’s official grants cover every pool of the run (a city-wide pool: a city-wide grant).',
  })
  @ApiOkResponse({ type: PublishedResponse })
  publish(@Param('id', EditionId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<PublishedResponse> {
    return this.service.publishAsOfficial(user, id);
  }
}

@ApiTags('voting')
@Public()
@Controller('api/v1/editions')
export class ResultsController {
  constructor(private readonly service: ResultsService) {}

  @Get(':id/results')
  @ApiOperation({ summary: 'The published results per pool: rank, code, score, votes, cost, selected, reason' })
  @ApiOkResponse({ type: PublicResultsResponse })
  results(@Param('id', EditionId) id: string): Promise<PublicResultsResponse> {
    return this.service.publicResults(id);
  }

  @Get(':id/results.csv')
  @ApiOperation({
    summary: 'Open data: the published results of every pool as CSV (after publication)',
    description:
      'RFC 4180 (comma-separated, CRLF), UTF-8 with a byte order mark. One row per project in rank order within its pool: pool_id, pool, rank, code, project_id, title, cost_pln, votes, score, selected (1 funded, 2 funded with a top-up from the reserve, 0 not), from_reserve_pln, reason_code, reason_pl, reason_en. 409 results_not_published before publication.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The CSV file, as an attachment.' })
  @Header('content-type', 'text/csv; charset=utf-8; header=present')
  async csv(@Param('id', EditionId) id: string, @Res({ passthrough: true }) res: { header: (name: string, value: string) => unknown }): Promise<string> {
    const file = await this.service.resultsCsv(id);
    res.header('content-disposition', `attachment; filename="${file.fileName}"`);
    return file.text;
  }

  @Get(':id/pools/:poolId/results.pb')
  @ApiOperation({ summary: 'Open data: anonymised ballots and results of a pool in Pabulib format (after publication)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The Pabulib file (.pb), as an attachment; 304 with no body when If-None-Match has its ETag.' })
  @Header('content-type', 'text/plain; charset=utf-8')
  async pabulib(
    @Param('id', EditionId) id: string,
    @Param('poolId', new ParseUUIDPipe({ exceptionFactory: () => VotingError.poolNotFound() })) poolId: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) res: { header: (name: string, value: string) => unknown; status: (code: number) => unknown },
  ): Promise<string> {
    const file = await this.service.exportPabulib(id, poolId);
    // Published results never change: an ETag, and a copy the browser may keep for an hour.
    res.header('etag', file.etag);
    res.header('cache-control', 'public, max-age=3600');
    res.header('content-disposition', `attachment; filename="${file.fileName}"`);
    if (ifNoneMatch === file.etag) {
      res.status(304);
      return '';
    }
    return file.text;
  }
}
