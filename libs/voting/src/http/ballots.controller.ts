import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { BallotsService } from '../ballots/ballots.service';
import { BallotsError, BallotsErrorCode, field } from '../ballots/ballots.errors';
import { PaperBallotsService } from '../ballots/paper-ballots.service';
import { BallotDto, ConfirmDto, PaperBallotDto, SheetsQuery } from './ballots.dto';
import { VotingEditionId } from './ballots-params';
import { BallotReceiptResponse, BallotStatusResponse, PaperKeyingResponse, SheetSummaryResponse } from './ballots.response';
import { IpLimit, IpLimitGuard, RetryAfterInterceptor } from './ip-rate-limit';

const REFERENCE = /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

@ApiTags('voting')
@Controller('api/v1')
@UseGuards(IpLimitGuard)
@UseInterceptors(RetryAfterInterceptor)
export class BallotsController {
  constructor(private readonly ballots: BallotsService) {}

  @Post('editions/:id/ballots')
  @Public()
  @IpLimit('ballots')
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retried request with the same key and body gets the same answer and creates nothing.',
  })
  @ApiOperation({
    summary: 'Cast an online ballot (pending until the mailed code is confirmed)',
    description:
      "201 { reference, status, channel, confirmation }. 422 invalid_ballot / invalid_identity with a field per problem (which pool, which rule); 409 already_voted (first ballot counts) or duplicate_voided (all of that person's ballots void); 409 not_voting_phase; 422 idempotency_key_reused; 429 too_many_ballots (per client IP and minute) or too_many_codes_for_address (code mails per address and hour), with Retry-After.",
  })
  @ApiCreatedResponse({ type: BallotReceiptResponse, description: 'The receipt (the same for a retried request with the same Idempotency-Key).' })
  submit(
    @Param('id', VotingEditionId) id: string,
    @Body() body: BallotDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentUser() user?: AuthenticatedUser,
  ): Promise<BallotReceiptResponse> {
    if (key !== undefined && (key.length < 1 || key.length > 200)) {
      const text = { pl: 'Idempotency-Key ma od 1 do 200 znaków.', en: 'Idempotency-Key has 1 to 200 characters.' };
      throw new BallotsError('invalid', BallotsErrorCode.IdempotencyMismatch, text, [field('Idempotency-Key', 'length', text)]);
    }
    return this.ballots.submit(
      id,
      { identity: body.identity, choices: body.choices, wantsResults: body.wantsResults, locale: body.locale },
      user?.id ?? null,
      key,
    );
  }

  @Post('ballots/:reference/confirm')
  @Public()
  @IpLimit('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm an online ballot with the 6-digit code from the mail (15 minutes, 5 attempts)',
    description:
      '200 the ballot status (valid). 409 duplicate_voided when the voter already has a ballot under void_all (every ballot of the voter becomes void). 429 too_many_attempts (5 wrong codes), too_many_code_requests (per client IP and minute, with Retry-After).',
  })
  @ApiOkResponse({ type: BallotStatusResponse, description: 'The ballot status (valid).' })
  confirm(@Param('reference') reference: string, @Body() body: ConfirmDto): Promise<BallotStatusResponse> {
    if (!REFERENCE.test(reference)) throw BallotsError.ballotNotFound();
    return this.ballots.confirm(reference, body.code);
  }

  @Post('ballots/:reference/resend-code')
  @Public()
  @IpLimit('resend-code')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Mail a new confirmation code for a pending online ballot (the earlier code stops working)',
    description:
      '202 the ballot status (pending). 429 code_resend_too_soon within a minute of the last code, 429 too_many_codes after 5, 429 too_many_codes_for_address (code mails per address and hour), 429 too_many_code_requests (per client IP and minute), each with Retry-After; 409 ballot_not_pending. A pending ballot whose code expired unused gives way to a new ballot of the same person.',
  })
  @ApiAcceptedResponse({ type: BallotStatusResponse, description: 'The ballot status (pending).' })
  resendCode(@Param('reference') reference: string): Promise<BallotStatusResponse> {
    if (!REFERENCE.test(reference)) throw BallotsError.ballotNotFound();
    return this.ballots.resendCode(reference);
  }

  @Get('ballots/:reference')
  @Public()
  @ApiOperation({ summary: "A ballot's status by its receipt reference (never its content)" })
  @ApiOkResponse({ type: BallotStatusResponse })
  status(@Param('reference') reference: string): Promise<BallotStatusResponse> {
    if (!REFERENCE.test(reference)) throw BallotsError.ballotNotFound();
    return this.ballots.status(reference);
  }
}

@ApiTags('voting')
@Controller('api/v1/admin/editions/:id/paper-ballots')
@Roles('official')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
export class PaperBallotsController {
  constructor(private readonly paper: PaperBallotsService) {}

  @Post()
  @ApiOperation({
    summary: 'Key a paper ballot (double keying: a second, different operator keys the same sheet)',
    description:
      'keyed_once → matched (identical content: a valid paper ballot) or mismatch (a third operator keys it; the matching keying wins → resolved). rejected when the person already voted (duplicate policy). 409 sheet_already_keyed for the same operator. An invalid sheet (invalid: content | unsigned | illegible) is keyed twice too and becomes a void paper ballot with that reason.',
  })
  @ApiCreatedResponse({ type: PaperKeyingResponse })
  key(@Param('id', VotingEditionId) id: string, @Body() body: PaperBallotDto, @CurrentUser() user: AuthenticatedUser): Promise<PaperKeyingResponse> {
    return this.paper.key(
      id,
      user.id,
      body.sheet.trim(),
      { identity: body.identity, choices: body.choices, wantsResults: body.wantsResults, locale: body.locale },
      body.invalid,
    );
  }

  @Get()
  @ApiOperation({ summary: 'Keyed sheets, e.g. ?status=mismatch for those waiting for a third operator' })
  @ApiOkResponse({ type: [SheetSummaryResponse] })
  list(@Param('id', VotingEditionId) id: string, @Query() q: SheetsQuery): Promise<SheetSummaryResponse[]> {
    return this.paper.list(id, q.status);
  }
}
