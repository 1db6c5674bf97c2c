import { ApiProperty, getSchemaPath, type SchemaObject } from '@nestjs/swagger';
import { ASSIGNABLE_ROLES, ROLES, type AssignableRole, type Role } from '@civitas/users';

/** A role row as stored: one per role and area (null: every area). */
export class ExportedRoleGrantResponse {
  @ApiProperty({ enum: ASSIGNABLE_ROLES }) role: AssignableRole;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null: over every area.' }) areaId: string | null;
}

/** The account part of the data download. */
export class ExportedAccountResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['pl', 'en'] }) locale: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) emailVerifiedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ enum: ROLES, isArray: true, description: "Every role held in some scope; always includes 'resident'." }) roles: Role[];
  @ApiProperty({ type: () => [ExportedRoleGrantResponse] }) grants: ExportedRoleGrantResponse[];
}

/** A request to delete the account, as recorded. */
export class ExportedDeletionRequestResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ enum: ['pending', 'completed', 'declined', 'withdrawn'] }) status: string;
  @ApiProperty({ type: String, format: 'date-time' }) requestedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) decisionNote: string | null;
}

/** The models the data download's schema refers to (for `@ApiExtraModels`). */
export const ACCOUNT_DATA_MODELS = [ExportedAccountResponse, ExportedRoleGrantResponse, ExportedDeletionRequestResponse];

/**
 * The data download (GDPR art. 15/20): the account and its deletion requests, then one key per domain that holds
 * data about the account (`budgetProjects`, `comments`, `subscription`…; each domain registers its own part, as
 * plain JSON), hence the other properties left open.
 */
export const ACCOUNT_DATA_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    exportedAt: { type: 'string', format: 'date-time' },
    account: { $ref: getSchemaPath(ExportedAccountResponse) },
    deletionRequests: { type: 'array', items: { $ref: getSchemaPath(ExportedDeletionRequestResponse) }, description: 'Oldest first.' },
  },
  required: ['exportedAt', 'account', 'deletionRequests'],
  additionalProperties: true,
};
