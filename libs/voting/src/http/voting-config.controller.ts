import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Public, Roles } from '@civitas/auth';
import { VotingConfigService } from '../ballots/voting-config.service';
import { PoolSpecDto, specOf, VotingPolicyDto } from './ballots.dto';
import { VotingEditionId, VotingPoolId } from './ballots-params';
import { VotingViewResponse } from './voting-config.response';

@ApiTags('voting')
@Controller('api/v1')
export class VotingConfigController {
  constructor(private readonly voting: VotingConfigService) {}

  @Get('editions/:id/voting')
  @Public()
  @ApiOperation({ summary: "The edition's voting: policy, the seed of the lot (fixed before voting opens), each pool's ballot spec, the phase" })
  @ApiOkResponse({ type: VotingViewResponse })
  view(@Param('id', VotingEditionId) id: string): Promise<VotingViewResponse> {
    return this.voting.view(id);
  }

  @Put('admin/editions/:id/voting-policy')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({
    summary: 'Set the voting policy (eligibility, duplicates, area limit, tally rule); the tie seed is drawn at the first save',
    description: '409 voting_started once the voting phase has begun; 422 invalid_policy with the fields at fault.',
  })
  @ApiOkResponse({ type: VotingViewResponse, description: "The edition's voting as saved." })
  setPolicy(@Param('id', VotingEditionId) id: string, @Body() body: VotingPolicyDto, @CurrentUser() user: AuthenticatedUser): Promise<VotingViewResponse> {
    return this.voting.setPolicy(user.id, id, body);
  }

  @Put('admin/pools/:poolId/ballot-spec')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({
    summary: "Set a pool's ballot spec (approval, cumulative, ordinal, choose-1)",
    description: '422 invalid_ballot_spec when inconsistent; 409 voting_started.',
  })
  @ApiOkResponse({ type: VotingViewResponse, description: "The pool's edition's voting as saved." })
  setSpec(@Param('poolId', VotingPoolId) poolId: string, @Body() b: PoolSpecDto, @CurrentUser() user: AuthenticatedUser): Promise<VotingViewResponse> {
    return this.voting.setSpec(user.id, poolId, specOf(b));
  }
}
