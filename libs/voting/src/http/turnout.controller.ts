import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@civitas/auth';
import { BallotsService, Turnout } from '../ballots/ballots.service';
import { VotingEditionId } from './ballots-params';

@ApiTags('voting')
@Public()
@Controller('api/v1/editions')
export class TurnoutController {
  constructor(private readonly ballots: BallotsService) {}

  @Get(':id/turnout')
  @ApiOperation({ summary: 'Live turnout: valid ballots per channel, area and pool — never per project (embargo until voting closes)' })
  @ApiOkResponse({ description: '{ editionId, total, pending, byChannel: { online, paper }, byPool: [{ poolId, ballots }], byArea: [{ areaId, ballots }] }' })
  turnout(@Param('id', VotingEditionId) id: string): Promise<Turnout> {
    return this.ballots.turnout(id);
  }
}
