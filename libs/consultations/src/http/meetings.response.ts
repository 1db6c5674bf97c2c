import { ApiProperty } from '@nestjs/swagger';
import type { MeetingKind } from '../meetings.service';

const MEETING_KINDS = ['meeting', 'point'] as const;

/** A meeting or consultation point as the consultation lists it. */
export class ConsultationMeetingSummaryResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MEETING_KINDS, description: 'meeting: at a time; point: a place where comments are collected over a period.' })
  kind: MeetingKind;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Empty when the meeting is online only.' }) place: string;
  @ApiProperty({ type: String, nullable: true }) onlineUrl: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) startsAt: Date;
  @ApiProperty({ type: String, format: 'date-time' }) endsAt: Date;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: no limit.' }) capacity: number | null;
  @ApiProperty({ type: 'integer', description: 'Registrations taken.' }) registered: number;
}

/** A meeting or consultation point with its free spots and its place on a map. */
export class ConsultationMeetingResponse extends ConsultationMeetingSummaryResponse {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null when there is no limit.' }) spotsLeft: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'WGS 84; null (with longitude) when not given.' }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'WGS 84; null (with latitude) when not given.' }) longitude: number | null;
}

export class ConsultationMeetingRegistrationResponse {
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ type: 'integer' }) registered: number;
  @ApiProperty({ type: 'integer', nullable: true, description: 'null: no limit.' }) spotsLeft: number | null;
}

export class ConsultationMeetingRegistrantResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true, description: 'The organisation the account acts for, if any.' }) organisation: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) registeredAt: Date;
}

export class ConsultationMeetingRegistrantsResponse {
  @ApiProperty({ type: () => ConsultationMeetingResponse }) meeting: ConsultationMeetingResponse;
  @ApiProperty({ type: () => [ConsultationMeetingRegistrantResponse], description: 'In the order they registered.' })
  registrations: ConsultationMeetingRegistrantResponse[];
}
