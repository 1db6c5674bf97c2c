import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, Roles } from '@civitas/auth';
import { EditionsService } from '../editions.service';
import { ProjectsService } from '../projects.service';
import { CategoryDto, CreateEditionDto, ListProjectsQuery, PoolDto, UpdateEditionDto } from './dto/budget.dto';
import { EditionListItemResponse, EditionResponse, ProjectPageResponse } from './editions.response';
import { EditionId } from './params';

@ApiTags('budget')
@Public()
@Controller('api/v1/editions')
export class EditionsController {
  constructor(
    private readonly editions: EditionsService,
    private readonly projects: ProjectsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Published budget editions, newest first, with the phase under way' })
  @ApiOkResponse({ type: [EditionListItemResponse], description: 'Newest first, with the phase under way.' })
  list(): Promise<EditionListItemResponse[]> {
    return this.editions.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'An edition: schedule of phases, rules, categories and pools (with the statutory signature cap)' })
  @ApiOkResponse({ type: EditionResponse, description: 'The edition.' })
  get(@Param('id', EditionId) id: string): Promise<EditionResponse> {
    return this.editions.get(id);
  }

  @Get(':id/projects')
  @ApiOperation({ summary: 'Public projects of an edition (never drafts), filtered and paged' })
  @ApiOkResponse({ type: ProjectPageResponse, description: '{ items, total, page, pageSize } (and the seed of sort=random)' })
  async projectsOf(@Param('id', EditionId) id: string, @Query() q: ListProjectsQuery): Promise<ProjectPageResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 20;
    const seed = q.sort === 'random' ? (q.seed ?? randomBytes(6).toString('hex')) : undefined;
    const result = await this.projects.list(id, {
      poolId: q.pool,
      areaId: q.area,
      categoryId: q.category,
      status: q.status,
      q: q.q,
      sort: q.sort,
      seed,
      page,
      pageSize,
    });
    return { ...result, page, pageSize, ...(seed ? { seed } : {}) };
  }
}

@ApiTags('budget (admin)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('admin')
@Controller('api/v1/admin/editions')
export class EditionsAdminController {
  constructor(private readonly editions: EditionsService) {}

  @Get()
  @ApiOperation({ summary: 'Every edition, drafts included' })
  @ApiOkResponse({ type: [EditionListItemResponse] })
  list(): Promise<EditionListItemResponse[]> {
    return this.editions.list({ includeDraft: true });
  }

  @Get(':id')
  @ApiOperation({ summary: 'An edition, also while it is a draft' })
  @ApiOkResponse({ type: EditionResponse })
  get(@Param('id', EditionId) id: string): Promise<EditionResponse> {
    return this.editions.get(id, { includeDraft: true });
  }

  @Post()
  @ApiOperation({ summary: 'Create an edition (a draft): schedule, rules, categories' })
  @ApiCreatedResponse({ type: EditionResponse, description: 'The edition.' })
  create(@Body() body: CreateEditionDto): Promise<EditionResponse> {
    return this.editions.create(body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, year, rules, ballot order or the schedule (moving phases by hand)' })
  @ApiOkResponse({ type: EditionResponse, description: 'The edition.' })
  update(@Param('id', EditionId) id: string, @Body() body: UpdateEditionDto): Promise<EditionResponse> {
    return this.editions.update(id, body);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make the edition public' })
  @ApiOkResponse({ type: EditionResponse, description: 'The edition.' })
  publish(@Param('id', EditionId) id: string): Promise<EditionResponse> {
    return this.editions.publish(id);
  }

  @Post(':id/categories')
  @ApiOperation({ summary: 'Add a project category' })
  @ApiCreatedResponse({ type: EditionResponse, description: 'The edition, with the new category.' })
  addCategory(@Param('id', EditionId) id: string, @Body() body: CategoryDto): Promise<EditionResponse> {
    return this.editions.addCategory(id, body);
  }

  @Post(':id/pools')
  @ApiOperation({
    summary: 'Add a pool (area and/or category, amount, cost limits, signatures required)',
    description: 'Refused when the signatures required exceed floor(0.1 % × residents of the pool’s area) (art. 5a ust. 7 u.s.g.).',
  })
  @ApiCreatedResponse({ type: EditionResponse, description: 'The edition, with the new pool.' })
  addPool(@Param('id', EditionId) id: string, @Body() body: PoolDto): Promise<EditionResponse> {
    return this.editions.addPool(id, body);
  }
}
