import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@civitas/auth';
import { ReviewService } from '../review.service';
import { FullInitiativeResponse } from './initiatives.response';
import { InitiativeId } from './params';
import { CorrectionDto, DecisionDto, FormalFailDto, ScoresDto, ScoresQuery } from './review.dto';
import { ScoresResponse } from './review.response';

@ApiTags('local initiatives (officials)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official')
@Controller('api/v1/admin/initiatives')
export class ReviewController {
  constructor(private readonly review: ReviewService) {}

  @Post(':id/formal-check')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start the formal check of a registered application (registered → formal_check)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  startFormalCheck(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.review.startFormalCheck(user, id);
  }

  @Post(':id/request-correction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send the application back for correction with a note; the deadline is the programme’s correction days from now' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  requestCorrection(
    @Param('id', InitiativeId) id: string,
    @Body() body: CorrectionDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<FullInitiativeResponse> {
    return this.review.requestCorrection(user, id, body);
  }

  @Post(':id/formal-check/pass')
  @HttpCode(200)
  @ApiOperation({ summary: 'The application is formally correct (formal_check → evaluation)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  pass(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.review.passFormalCheck(user, id);
  }

  @Post(':id/formal-check/fail')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject the application for formal reasons, with the justification (formal_check → rejected)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  fail(@Param('id', InitiativeId) id: string, @Body() body: FormalFailDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.review.failFormalCheck(user, id, body);
  }

  @Put(':id/scores')
  @ApiOperation({ summary: 'Submit my scores (every criterion, whole points 0..maxPoints), once; the answer shows every submitted evaluation' })
  @ApiOkResponse({ type: ScoresResponse })
  score(@Param('id', InitiativeId) id: string, @Body() body: ScoresDto, @CurrentUser() user: AuthenticatedUser): Promise<ScoresResponse> {
    return this.review.score(user, id, body);
  }

  @Get(':id/scores')
  @ApiOperation({
    summary: 'The evaluations: visible to an evaluator after submitting theirs (409 scores_hidden before), or to the deciding official with ?forDecision=true',
  })
  @ApiOkResponse({ type: ScoresResponse })
  scores(@Param('id', InitiativeId) id: string, @Query() q: ScoresQuery, @CurrentUser() user: AuthenticatedUser): Promise<ScoresResponse> {
    return this.review.scores(user, id, { forDecision: q.forDecision });
  }

  @Post(':id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide (evaluation → approved | rejected) with purposefulness and justification; approval within the remaining allocation' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  decide(@Param('id', InitiativeId) id: string, @Body() body: DecisionDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.review.decide(user, id, body);
  }
}
