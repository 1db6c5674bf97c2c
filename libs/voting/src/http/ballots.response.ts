import { ApiProperty } from '@nestjs/swagger';
import { SHEET_STATUSES, type SheetStatus } from '../ballots/ballot-status';
import type { Channel } from '../ballots/ballots.service';

// The bodies of the ballot routes as they are sent (the services' views, dates as ISO strings).

const BALLOT_STATUSES = ['pending', 'valid', 'void'] as const;
const CHANNELS = ['online', 'paper'] as const;

/** The receipt of a cast ballot. */
export class BallotReceiptResponse {
  @ApiProperty({ example: '7K2M-9QXD-4HTA', description: 'The receipt reference: the status route takes it.' }) reference: string;
  @ApiProperty({ enum: BALLOT_STATUSES, description: 'pending until the mailed code is confirmed.' }) status: (typeof BALLOT_STATUSES)[number];
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({
    type: String,
    enum: ['email_code'],
    nullable: true,
    description: 'How the ballot is confirmed: a code mailed to the voter (email_code), or nothing to do (null).',
  })
  confirmation: 'email_code' | null;
}

/** A ballot's status by its receipt reference (never its content). */
export class BallotStatusResponse {
  @ApiProperty({ example: '7K2M-9QXD-4HTA' }) reference: string;
  @ApiProperty({ enum: BALLOT_STATUSES }) status: (typeof BALLOT_STATUSES)[number];
  @ApiProperty({ enum: CHANNELS }) channel: Channel;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Why a void ballot is void: duplicate, unconfirmed (its code was never entered), invalid_content, unsigned, illegible; null otherwise.',
  })
  voidReason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) confirmedAt: Date | null;
}

/** The ballot made from a paper sheet's matching keyings. */
export class PaperBallotRefResponse {
  @ApiProperty() reference: string;
  @ApiProperty({ description: 'valid, or void for an invalid vote (the reason says why).' }) status: string;
}

/** One operator's keying of a paper sheet: where the sheet stands now. */
export class PaperKeyingResponse {
  @ApiProperty({ description: 'The sheet number.' }) sheet: string;
  @ApiProperty({ enum: SHEET_STATUSES }) status: SheetStatus;
  @ApiProperty({ description: 'How many operators have keyed the sheet.' }) keyings: number;
  @ApiProperty({ type: () => PaperBallotRefResponse, nullable: true, description: 'The ballot made from the matching keyings (matched / resolved).' })
  ballot: PaperBallotRefResponse | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'Why a sheet was rejected: already_voted (first ballot counts) or duplicate_voided (all of that person’s ballots void); for an invalid vote, why it is void: invalid_content, unsigned, illegible.',
  })
  reason: string | null;
}

export class SheetSummaryResponse {
  @ApiProperty() sheet: string;
  @ApiProperty({ enum: SHEET_STATUSES }) status: SheetStatus;
  @ApiProperty() keyings: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: Date;
}
