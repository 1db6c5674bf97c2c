import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { AccountDataService, AccountDeletionService, UsersError, type DeletionRequest, type PendingDeletion } from '@civitas/users';
import { AuthService } from '../auth.service';
import type { AuthenticatedUser } from '../authenticated-user';
import { CurrentUser, Roles } from '../decorators';
import { ACCOUNT_DATA_MODELS, ACCOUNT_DATA_SCHEMA } from './account-data.response';

const RequestId = new ParseUUIDPipe({ exceptionFactory: () => UsersError.noDeletionRequest() });

export class DeletionRequestBody {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) reason?: string;
  @ApiProperty({ description: 'The account password, to confirm.' }) @IsString() @IsNotEmpty() @MaxLength(1024) currentPassword: string;
}

export class DeletionDecisionBody {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class DeclineBody {
  @ApiProperty({ maxLength: 2000, description: 'Why the request is declined (shown to the person).' }) @IsString() @IsNotEmpty() @MaxLength(2000) note: string;
}

export class DeletionRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['pending', 'completed', 'declined', 'withdrawn'] }) status: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;

  static of(r: DeletionRequest): DeletionRequestResponse {
    return Object.assign(new DeletionRequestResponse(), {
      id: r.id,
      status: r.status,
      reason: r.reason,
      requestedAt: new Date(r.requestedAt).toISOString(),
      decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
      decisionNote: r.decisionNote,
    });
  }
}

export class PendingDeletionResponse extends DeletionRequestResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;

  static ofPending(r: PendingDeletion): PendingDeletionResponse {
    return Object.assign(new PendingDeletionResponse(), DeletionRequestResponse.of(r), { userId: r.userId, email: r.email, displayName: r.displayName });
  }
}

/** A person's own data: the download (GDPR art. 15/20) and the request to delete the account. */
@ApiTags('auth')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1/me')
export class MyDataController {
  constructor(
    private readonly data: AccountDataService,
    private readonly deletions: AccountDeletionService,
    private readonly auth: AuthService,
  ) {}

  @Get('data')
  @ApiOperation({ summary: 'Everything held about the account: profile, roles, projects, comments, applications, subscription' })
  @ApiExtraModels(...ACCOUNT_DATA_MODELS)
  @ApiOkResponse({ schema: ACCOUNT_DATA_SCHEMA, description: 'A JSON document, one key per part.' })
  download(@CurrentUser() user: AuthenticatedUser): Promise<Record<string, unknown>> {
    return this.data.export(user.id);
  }

  @Post('deletion-request')
  @ApiOperation({ summary: 'Ask an administrator to delete the account (confirmed with the password); 409 while one is pending' })
  @ApiCreatedResponse({ type: DeletionRequestResponse })
  async request(@CurrentUser() user: AuthenticatedUser, @Body() body: DeletionRequestBody): Promise<DeletionRequestResponse> {
    await this.auth.assertCurrentPassword(user.id, body.currentPassword);
    return DeletionRequestResponse.of(await this.deletions.request(user.id, body.reason ?? null));
  }

  @Delete('deletion-request')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw the pending request' })
  @ApiNoContentResponse()
  async withdraw(@CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.deletions.withdraw(user.id);
  }
}

/** Requests to delete accounts, for administrators: carry one out (the account is anonymised) or decline it. */
@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('admin')
@Controller('api/v1/admin/account-deletions')
export class AccountDeletionsAdminController {
  constructor(private readonly deletions: AccountDeletionService) {}

  @Get()
  @ApiOperation({ summary: 'Pending requests, oldest first' })
  @ApiOkResponse({ type: [PendingDeletionResponse] })
  async pending(): Promise<PendingDeletionResponse[]> {
    return (await this.deletions.pending()).map((r) => PendingDeletionResponse.ofPending(r));
  }

  @Post(':id/complete')
  @HttpCode(200)
  @ApiOperation({ summary: 'Carry the request out: the account is anonymised, its sessions end, its subscription is removed' })
  @ApiOkResponse({ type: DeletionRequestResponse })
  async complete(
    @Param('id', RequestId) id: string,
    @Body() body: DeletionDecisionBody,
    @CurrentUser() admin: AuthenticatedUser,
  ): Promise<DeletionRequestResponse> {
    return DeletionRequestResponse.of(await this.deletions.complete(id, admin.id, body.note ?? null));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the request, with the reason' })
  @ApiOkResponse({ type: DeletionRequestResponse })
  async decline(@Param('id', RequestId) id: string, @Body() body: DeclineBody, @CurrentUser() admin: AuthenticatedUser): Promise<DeletionRequestResponse> {
    return DeletionRequestResponse.of(await this.deletions.decline(id, admin.id, body.note));
  }
}
