import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@civitas/auth';
import { AreasError } from '../areas.errors';
import { AreasService } from '../areas.service';
import { CreateAreaDto, ListAreasQuery, UpdateAreaDto } from '../dto/area.dto';
import { AreaListResponse, AreaResponse } from './area.response';

const AreaId = new ParseUUIDPipe({ exceptionFactory: () => AreasError.notFound() });

@ApiTags('areas')
@Controller('api/v1/areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Every area as a flat list (public); ?parentId= for the children of one area' })
  @ApiOkResponse({ type: AreaListResponse })
  async list(@Query() query: ListAreasQuery): Promise<AreaListResponse> {
    return AreaListResponse.of(await this.areas.list(query));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One area (public)' })
  @ApiOkResponse({ type: AreaResponse })
  async get(@Param('id', AreaId) id: string): Promise<AreaResponse> {
    return AreaResponse.of(await this.areas.get(id));
  }

  @Post()
  @Roles('admin')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Create an area (admin)' })
  @ApiCreatedResponse({ type: AreaResponse })
  async create(@Body() body: CreateAreaDto): Promise<AreaResponse> {
    return AreaResponse.of(await this.areas.create(body));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiCookieAuth('civitas_session')
  @ApiOperation({ summary: 'Change an area (admin): name, kind, parent, resident count' })
  @ApiOkResponse({ type: AreaResponse })
  async update(@Param('id', AreaId) id: string, @Body() body: UpdateAreaDto): Promise<AreaResponse> {
    return AreaResponse.of(await this.areas.update(id, body));
  }
}
