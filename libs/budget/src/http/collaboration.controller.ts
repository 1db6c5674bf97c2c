import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Public, Roles, type AuthenticatedUser } from '@civitas/auth';
import { AuthorsService } from '../authors.service';
import { CostCorrectionsService } from '../cost-corrections.service';
import { MergesService } from '../merges.service';
import { AnswerDto, ConsentDto, CostProposalDto, ExclusionDto, InvitationDto, MergeDto } from './dto/collaboration.dto';
import {
  CostProposalResponse,
  DeclinedResponse,
  ExclusionGroupResponse,
  InvitationResponse,
  MergeResponse,
  MyInvitationResponse,
} from './collaboration.response';
import { AuthorId, EditionId, ExclusionId, InvitationId, MergeId, ProjectId, ProposalId } from './params';
import { ProjectResponse } from './projects.response';

/** Co-authors invited by e-mail. */
@ApiTags('budget')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1')
export class AuthorsController {
  constructor(private readonly authors: AuthorsService) {}

  @Post('projects/:id/invitations')
  @ApiOperation({ summary: 'Invite a co-author by e-mail (main author; draft or correction; authors + invitations ≤ the edition’s limit)' })
  @ApiCreatedResponse({ type: InvitationResponse, description: 'The invitation; the invitee is mailed.' })
  invite(@Param('id', ProjectId) id: string, @Body() body: InvitationDto, @CurrentUser() user: AuthenticatedUser): Promise<InvitationResponse> {
    return this.authors.invite(user, id, body);
  }

  @Get('projects/:id/invitations')
  @ApiOperation({ summary: 'The project’s co-author invitations (authors)' })
  @ApiOkResponse({ type: [InvitationResponse], description: 'Oldest first, answered ones included.' })
  invitations(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<InvitationResponse[]> {
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
  @ApiOkResponse({ type: ProjectResponse, description: 'The project.' })
  accept(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.authors.respond(user, id, true);
  }

  @Post('projects/:id/invitation/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline the invitation sent to your address' })
  @ApiOkResponse({ type: DeclinedResponse })
  async decline(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<DeclinedResponse> {
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
  @ApiOkResponse({ type: [MyInvitationResponse], description: 'Oldest first.' })
  mine(@CurrentUser() user: AuthenticatedUser): Promise<MyInvitationResponse[]> {
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
  @ApiCreatedResponse({ type: CostProposalResponse, description: 'The proposal; the authors are mailed.' })
  propose(@Param('id', ProjectId) id: string, @Body() body: CostProposalDto, @CurrentUser() user: AuthenticatedUser): Promise<CostProposalResponse> {
    return this.costs.propose(user, id, body);
  }

  @Get('projects/:id/cost-proposals')
  @Public()
  @ApiOperation({ summary: 'The project’s cost corrections, newest first' })
  @ApiOkResponse({ type: [CostProposalResponse] })
  proposals(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser | undefined): Promise<CostProposalResponse[]> {
    return this.costs.list(user, id);
  }

  @Post('projects/:id/cost-proposals/:proposalId/answer')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept (the cost items are replaced) or refuse a cost correction (authors)' })
  @ApiOkResponse({ type: CostProposalResponse, description: 'The proposal, answered.' })
  answer(
    @Param('id', ProjectId) id: string,
    @Param('proposalId', ProposalId) proposalId: string,
    @Body() body: AnswerDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<CostProposalResponse> {
    return this.costs.respond(user, id, proposalId, body);
  }

  @Post('editions/:id/merges')
  @Roles('official')
  @ApiOperation({ summary: 'Propose merging projects of one pool (officials; formal or merit review); each main author must consent' })
  @ApiCreatedResponse({ type: MergeResponse, description: 'The merge proposal; the authors are mailed.' })
  proposeMerge(@Param('id', EditionId) id: string, @Body() body: MergeDto, @CurrentUser() user: AuthenticatedUser): Promise<MergeResponse> {
    return this.merges.propose(user, id, body);
  }

  @Get('merges/:id')
  @ApiOperation({ summary: 'A merge proposal with each project’s consent (its authors, officials)' })
  @ApiOkResponse({ type: MergeResponse })
  merge(@Param('id', MergeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<MergeResponse> {
    return this.merges.get(user, id);
  }

  @Post('merges/:id/consent')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give or refuse consent for your project (main authors); the last consent carries the merge out' })
  @ApiOkResponse({ type: MergeResponse, description: 'The merge, accepted once every project consented, refused at the first refusal.' })
  consent(@Param('id', MergeId) id: string, @Body() body: ConsentDto, @CurrentUser() user: AuthenticatedUser): Promise<MergeResponse> {
    return this.merges.consent(user, id, body.consent);
  }

  @Post('editions/:id/exclusions')
  @Roles('official')
  @ApiOperation({ summary: 'Mark projects of one pool as mutually exclusive (officials; before voting)' })
  @ApiCreatedResponse({ type: ExclusionGroupResponse, description: 'The group.' })
  exclude(@Param('id', EditionId) id: string, @Body() body: ExclusionDto, @CurrentUser() user: AuthenticatedUser): Promise<ExclusionGroupResponse> {
    return this.merges.exclude(user, id, body);
  }

  @Get('editions/:id/exclusions')
  @Public()
  @ApiOperation({ summary: 'Groups of mutually exclusive projects of an edition' })
  @ApiOkResponse({ type: [ExclusionGroupResponse], description: 'Oldest first.' })
  exclusions(@Param('id', EditionId) id: string): Promise<ExclusionGroupResponse[]> {
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
