import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles, type AuthenticatedUser } from '@civitas/auth';
import type { ProjectView } from '../projects.service';
import { ReviewsService } from '../reviews.service';
import { AppealDecisionDto, AppealDto, ReviewDto } from './dto/budget.dto';
import { ProjectId } from './params';

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
  review(@Param('id', ProjectId) id: string, @Body() body: ReviewDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectView> {
    return this.reviews.review(user, id, body);
  }

  @Post('resubmit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a corrected project back to formal review before the correction deadline (authors)' })
  resubmit(@Param('id', ProjectId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<ProjectView> {
    return this.reviews.resubmit(user, id);
  }

  @Post('appeal')
  @HttpCode(200)
  @ApiOperation({ summary: 'Appeal a rejection (authors; appeals phase or before the appeal deadline)' })
  appeal(@Param('id', ProjectId) id: string, @Body() body: AppealDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectView> {
    return this.reviews.appeal(user, id, body.justification);
  }

  @Post('appeal-decision')
  @HttpCode(200)
  @Roles('official')
  @ApiOperation({ summary: 'Decide an appeal: upheld (admitted) or dismissed (officials of the project’s area)' })
  decide(@Param('id', ProjectId) id: string, @Body() body: AppealDecisionDto, @CurrentUser() user: AuthenticatedUser): Promise<ProjectView> {
    return this.reviews.decideAppeal(user, id, body);
  }
}
