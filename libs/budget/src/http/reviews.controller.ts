import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import { ReviewsService } from '../reviews.service';
import { AppealDecisionDto, AppealDto, ReviewDto } from './dto/budget.dto';
import { ProjectId } from './params';
import { ProjectResponse } from './projects.response';

@ApiTags('budget')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1/projects/:id')
export class ReviewsController {
  constructor(private readonly reviews: ReviewsService) {}

  @Post('reviews')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ summary: 'Record a formal or merit review (officials of the project’s area); moves the project and tells its authors' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project, moved.' })
  review(@Param('id', ProjectId) id: string, @Body() body: ReviewDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.reviews.review(user, id, body);
  }

  @Post('resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a corrected project back to formal review before the correction deadline (authors)' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project, back in formal review.' })
  resubmit(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.reviews.resubmit(user, id);
  }

  @Post('appeal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Appeal a rejection (authors; appeals phase or before the appeal deadline)' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project, appealed.' })
  appeal(@Param('id', ProjectId) id: string, @Body() body: AppealDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.reviews.appeal(user, id, body.justification);
  }

  @Post('appeal-decision')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ summary: 'Decide an appeal: upheld (admitted) or dismissed (officials of the project’s area)' })
  @ApiOkResponse({ type: ProjectResponse, description: 'The project, admitted or with its appeal dismissed.' })
  decide(@Param('id', ProjectId) id: string, @Body() body: AppealDecisionDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectResponse> {
    return this.reviews.decideAppeal(user, id, body);
  }
}
