import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, type AuthenticatedUser } from '@civitas/auth';
import { ProjectsService } from '../projects.service';
import { CreateProjectDto, UpdateProjectDto } from './dto/budget.dto';
import { EditionId, ProjectId } from './params';
import { ProjectEndorsementResponse, ProjectResponse } from './projects.response';

@ApiTags('budget')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Post('editions/:id/projects')
  @ApiOperation({ summary: 'Start a project (a draft, private to its authors) while submission has not ended' })
  @ApiCreatedResponse({ type: ProjectResponse, description: 'The draft.' })
  create(@Param('id', EditionId) editionId: string, @Body() body: CreateProjectDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.projects.createDraft(user, editionId, body);
  }

  @Get('projects/:id')
  @Public()
  @ApiOperation({ summary: 'A project with its cost items, authors and the public history of decisions (drafts: authors only)' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project.' })
  get(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser | undefined): Promise<ProjectResponse> {
    return this.projects.get(user, id);
  }

  @Patch('projects/:id')
  @ApiOperation({ summary: 'Change a draft, or a project sent back for correction (authors)' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project, changed.' })
  update(@Param('id', ProjectId) id: string, @Body() body: UpdateProjectDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.projects.update(user, id, body);
  }

  @Post('projects/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft (submission phase only; complete; within the pool’s cost limits and area)' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project, submitted (with its number).' })
  submit(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.projects.submit(user, id);
  }

  @Post('projects/:id/endorsement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Endorse a project online (signed-in residents, not its authors; once per person)' })
  @ApiOkResponse({ type: ProjectEndorsementResponse, description: 'The project’s endorsements, with endorsed true.' })
  endorse(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectEndorsementResponse> {
    return this.projects.endorse(user, id);
  }

  @Delete('projects/:id/endorsement')
  @ApiOperation({ summary: 'Withdraw one’s endorsement while support is collected' })
  @ApiOkResponse({ type: ProjectEndorsementResponse, description: 'The project’s endorsements, with endorsed false.' })
  unendorse(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectEndorsementResponse> {
    return this.projects.unendorse(user, id);
  }
}
