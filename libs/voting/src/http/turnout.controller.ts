import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@civitas/auth';
import { BallotsService } from '../ballots/ballots.service';
import { VotingEditionId } from './ballots-params';
import { TurnoutResponse } from './turnout.response';

@ApiTags('voting')
@Public()
@Controller('api/v1/editions')
export class TurnoutController {
  constructor(private readonly ballots: BallotsService) {}

  @Get(':id/turnout')
  @ApiOperation({ summary: 'Live turnout: valid ballots per channel, area and pool — never per project (embargo until voting closes)' })
  @ApiOkResponse({ type: TurnoutResponse })
  turnout(@Param('id', VotingEditionId) id: string): Promise<TurnoutResponse> {
    return this.ballots.turnout(id);
  }
}
