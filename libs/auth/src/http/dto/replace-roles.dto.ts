import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { ASSIGNABLE_ROLES, type AssignableRole } from '@civitas/users';

export class RoleAssignmentDto {
  @ApiProperty({ enum: ASSIGNABLE_ROLES })
  @IsIn(ASSIGNABLE_ROLES)
  role: AssignableRole;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'Limits a moderator or official to these areas and their descendants; omit for every area.',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  areaIds?: string[];
}

export class ReplaceRolesDto {
  @ApiProperty({ type: [RoleAssignmentDto], description: 'The complete new set of roles (resident is implicit).' })
  @IsArray()
  @ArrayMaxSize(ASSIGNABLE_ROLES.length)
  @ValidateNested({ each: true })
  @Type(() => RoleAssignmentDto)
  roles: RoleAssignmentDto[];
}
