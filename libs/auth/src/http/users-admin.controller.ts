import { Body, Controller, Get, Param, ParseUUIDPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersError, UsersService } from '@civitas/users';
import { Roles } from '../decorators';
import { UserListResponse, UserResponse } from './auth.response';
import { SearchUsersQuery } from './dto/search-users.dto';
import { ReplaceRolesDto } from './dto/replace-roles.dto';

const UserId = new ParseUUIDPipe({ exceptionFactory: () => UsersError.userNotFound() });

@ApiTags('users')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('admin')
@Controller('api/v1/users')
export class UsersAdminController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'Find accounts (admin): ?q= a part of the address or name, ?role=, ?page=, ?pageSize=' })
  @ApiOkResponse({ type: UserListResponse })
  async search(@Query() q: SearchUsersQuery): Promise<UserListResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 25;
    return UserListResponse.of(await this.users.search({ q: q.q, role: q.role, page, pageSize }), page, pageSize);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An account with its roles (admin)' })
  @ApiOkResponse({ type: UserResponse })
  async get(@Param('id', UserId) id: string): Promise<UserResponse> {
    return UserResponse.fromAccount(await this.users.getAccount(id));
  }

  @Put(':id/roles')
  @ApiOperation({ summary: "Replace an account's roles (admin); a moderator or official may be limited to areas" })
  @ApiOkResponse({ type: UserResponse })
  async replaceRoles(@Param('id', UserId) id: string, @Body() body: ReplaceRolesDto): Promise<UserResponse> {
    return UserResponse.fromAccount(await this.users.replaceRoles(id, body.roles));
  }
}
