import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@civitas/auth';
import { BallotService } from '../ballot.service';
import { BallotListResponse } from './ballot.response';
import { EditionId } from './params';

@ApiTags('budget')
@Controller('api/v1')
export class BallotController {
  constructor(private readonly ballot: BallotService) {}

  @Get('editions/:id/ballot')
  @Public()
  @ApiOperation({
    summary: 'The ballot list per pool, in ballot order, with the ordering and the lottery seed',
    description: 'Lottery order: projects sorted by the hex SHA-256 of "<seed>:<project number>", ascending. 409 ballot_not_ready before it is drawn up.',
  })
  @ApiOkResponse({ type: [BallotListResponse], description: 'One list per pool.' })
  lists(@Param('id', EditionId) id: string): Promise<BallotListResponse[]> {
    return this.ballot.lists(id);
  }

  @Post('admin/editions/:id/ballot')
  @HttpCode(200)
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({
    summary: 'Draw up the ballot list now (the phase job does it within a minute of the appeals phase ending)',
    description: 'Refused (409 ballot_not_ready) before the appeals phase ends or while any project awaits a decision. Idempotent.',
  })
  @ApiOkResponse({ type: [BallotListResponse], description: 'The ballot lists, one per pool.' })
  draw(@Param('id', EditionId) id: string): Promise<BallotListResponse[]> {
    return this.ballot.draw(id);
  }
}
