import { ApiProperty } from '@nestjs/swagger';

export class TurnoutByChannelResponse {
  @ApiProperty() online: number;
  @ApiProperty() paper: number;
}

export class TurnoutByPoolResponse {
  @ApiProperty({ format: 'uuid' }) poolId: string;
  @ApiProperty({ description: 'Valid ballots choosing in the pool.' }) ballots: number;
}

export class TurnoutByAreaResponse {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) areaId: string | null;
  @ApiProperty({ description: 'Valid ballots of voters of the area.' }) ballots: number;
}

/** Live turnout: valid ballots per channel, area and pool — never per project. */
export class TurnoutResponse {
  @ApiProperty({ format: 'uuid' }) editionId: string;
  @ApiProperty({ description: 'Valid (counted) ballots.' }) total: number;
  @ApiProperty({ description: 'Online ballots still waiting for their e-mail code.' }) pending: number;
  @ApiProperty({ description: 'Paper sheets keyed as invalid votes (against the rules, unsigned, illegible): cast, never counted.' }) invalid: number;
  @ApiProperty({ type: () => TurnoutByChannelResponse }) byChannel: TurnoutByChannelResponse;
  @ApiProperty({ type: () => [TurnoutByPoolResponse] }) byPool: TurnoutByPoolResponse[];
  @ApiProperty({ type: () => [TurnoutByAreaResponse] }) byArea: TurnoutByAreaResponse[];
}
