import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@civitas/auth';
import { AuthorsService } from '../authors.service';
import { CostCorrectionsService } from '../cost-corrections.service';
import { MergesService } from '../merges.service';
import type { ProjectView } from '../projects.service';
import { AnswerDto, ConsentDto, CostProposalDto, ExclusionDto, InvitationDto, MergeDto } from './dto/collaboration.dto';
import { AuthorId, EditionId, ExclusionId, InvitationId, MergeId, ProjectId, ProposalId } from './params';

/** Co-authors invited by e-mail. */
@ApiTags('budget')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1')
export class AuthorsController {
  constructor(private readonly authors: AuthorsService) {}

  @Post('projects/:id/invitations')
  @ApiOperation({ summary: 'Invite a co-author by e-mail (main author; draft or correction; authors + invitations ≤ the edition’s limit)' })
  @ApiCreatedResponse({ description: 'The invitation; the invitee is mailed.' })
  invite(@Param('id', ProjectId) id: string, @Body() body: InvitationDto, @CurrentUser() user: AuthenticatedUser) {
    return this.authors.invite(user, id, body);
  }

  @Get('projects/:id/invitations')
  @ApiOperation({ summary: 'The project’s co-author invitations (authors)' })
  invitations(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.authors.list(user, id);
  }

  @Delete('projects/:id/invitations/:invitationId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an unanswered invitation (main author)' })
  @ApiNoContentResponse()
  async revoke(@Param('id', ProjectId) id: string, @Param('invitationId', InvitationId) invitationId: string, @CurrentUser() user: AuthenticatedUser) {
    await this.authors.revoke(user, id, invitationId);
  }

  @Post('projects/:id/invitation/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the invitation sent to your verified address: you become a co-author' })
  accept(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectView> {
    return this.authors.respond(user, id, true);
  }

  @Post('projects/:id/invitation/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the invitation sent to your address' })
  async decline(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser) {
    await this.authors.respond(user, id, false);
    return { declined: true };
  }

  @Delete('projects/:id/authors/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a co-author (main author), or leave as a co-author, while the project can be edited' })
  @ApiNoContentResponse()
  async removeAuthor(@Param('id', ProjectId) id: string, @Param('userId', AuthorId) userId: string, @CurrentUser() user: AuthenticatedUser) {
    await this.authors.removeAuthor(user, id, userId);
  }

  @Get('me/project-invitations')
  @ApiOperation({ summary: 'Co-author invitations waiting for your address' })
  mine(@CurrentUser() user: AuthenticatedUser) {
    return this.authors.mine(user);
  }
}

/** Cost corrections, merges and mutually exclusive projects. */
@ApiTags('budget')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1')
export class CorrectionsController {
  constructor(
    private readonly costs: CostCorrectionsService,
    private readonly merges: MergesService,
  ) {}

  @Post('projects/:id/cost-proposals')
  @Roles('official')
  @ApiOperation({ summary: 'Propose a corrected cost breakdown (officials of the project’s area; formal or merit review)' })
  @ApiCreatedResponse({ description: 'The proposal; the authors are mailed.' })
  propose(@Param('id', ProjectId) id: string, @Body() body: CostProposalDto, @CurrentUser() user: AuthenticatedUser) {
    return this.costs.propose(user, id, body);
  }

  @Get('projects/:id/cost-proposals')
  @Public()
  @ApiOperation({ summary: 'The project’s cost corrections, newest first' })
  proposals(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser | undefined) {
    return this.costs.list(user, id);
  }

  @Post('projects/:id/cost-proposals/:proposalId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (the cost items are replaced) or refuse a cost correction (authors)' })
  answer(
    @Param('id', ProjectId) id: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: AnswerDto,
    @CurrentUser() user: AuthenticatedUser,
  ) {
    return this.costs.respond(user, id, proposalId, body);
  }

  @Post('editions/:id/merges')
  @Roles('official')
  @ApiOperation({ summary: 'Propose merging projects of one pool (officials; formal or merit review); each main author must consent' })
  @ApiCreatedResponse({ description: 'The merge proposal; the authors are mailed.' })
  proposeMerge(@Param('id', EditionId) id: string, @Body() body: MergeDto, @CurrentUser() user: AuthenticatedUser) {
    return this.merges.propose(user, id, body);
  }

  @Get('merges/:id')
  @ApiOperation({ summary: 'A merge proposal with each project’s consent (its authors, officials)' })
  merge(@Param('id', MergeId) id: string, @CurrentUser() user: AuthenticatedUser) {
    return this.merges.get(user, id);
  }

  @Post('merges/:id/consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give or refuse consent for your project (main authors); the last consent carries the merge out' })
  consent(@Param('id', MergeId) id: string, @Body() body: ConsentDto, @CurrentUser() user: AuthenticatedUser) {
    return this.merges.consent(user, id, body.consent);
  }

  @Post('editions/:id/exclusions')
  @Roles('official')
  @ApiOperation({ summary: 'Mark projects of one pool as mutually exclusive (officials; before voting)' })
  @ApiCreatedResponse({ description: 'The group.' })
  exclude(@Param('id', EditionId) id: string, @Body() body: ExclusionDto, @CurrentUser() user: AuthenticatedUser) {
    return this.merges.exclude(user, id, body);
  }

  @Get('editions/:id/exclusions')
  @Public()
  @ApiOperation({ summary: 'Groups of mutually exclusive projects of an edition' })
  exclusions(@Param('id', EditionId) id: string) {
    return this.merges.exclusions(id);
  }

  @Delete('exclusions/:id')
  @HttpCode(204)
  @Roles('official')
  @ApiOperation({ summary: 'Remove a group of mutually exclusive projects (officials; before voting)' })
  @ApiNoContentResponse()
  async removeExclusion(@Param('id', ExclusionId) id: string, @CurrentUser() user: AuthenticatedUser) {
    await this.merges.removeExclusion(user, id);
  }
}
