import { Body, Controller, Get, HttpCode, Post, Put, Query, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthThrottlerGuard, CurrentUser, Public, RequestLocale, type AuthenticatedUser } from '@civitas/auth';
import type { Locale } from '@civitas/common';
import { maskEmail } from '../deliveries-admin.service';
import { SubscriptionService } from '../subscription.service';
import { TopicCatalog } from '../topic-catalog';
import { ConfirmSubscriptionDto, LinkTokenQuery, SubscribeDto, SubscriptionChangeDto } from './dto/subscription.dto';
import { AcceptedResponse, SubscriptionResponse, TopicOptionResponse, UnsubscribedResponse } from './dto/subscription.response';

const mask = (email: string) => maskEmail(email) ?? '';

@ApiTags('subscriptions')
@Public()
@Controller('api/v1/subscriptions')
export class SubscriptionsController {
  constructor(
    private readonly subscriptions: SubscriptionService,
    private readonly catalog: TopicCatalog,
  ) {}

  @Post()
  @UseGuards(AuthThrottlerGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Subscribe an address (no account needed): a confirmation mail is sent, and nothing else until it is confirmed',
    description: 'The same answer whether or not the address is subscribed already; a subscribed address is mailed its manage link instead.',
  })
  @ApiAcceptedResponse({ type: AcceptedResponse })
  async subscribe(@Body() body: SubscribeDto): Promise<AcceptedResponse> {
    await this.subscriptions.subscribe(body);
    return new AcceptedResponse();
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm a subscription with the token from the confirmation mail' })
  @ApiOkResponse({ type: SubscriptionResponse })
  async confirm(@Body() body: ConfirmSubscriptionDto): Promise<SubscriptionResponse> {
    return SubscriptionResponse.of(await this.subscriptions.confirm(body.token), mask);
  }

  @Get('topics')
  @ApiOperation({ summary: 'The topics one can subscribe to, named in the requested language' })
  @ApiOkResponse({ type: [TopicOptionResponse] })
  async topics(@RequestLocale() locale: Locale): Promise<TopicOptionResponse[]> {
    return this.catalog.options([], locale);
  }

  @Get('manage')
  @ApiOperation({ summary: 'The subscription behind a manage link (token from any notification mail)' })
  @ApiOkResponse({ type: SubscriptionResponse })
  async view(@Query() query: LinkTokenQuery): Promise<SubscriptionResponse> {
    return SubscriptionResponse.of(await this.subscriptions.viewByLink(query.token), mask);
  }

  @Put('manage')
  @ApiOperation({ summary: 'Change topics, language, frequency or own-activity mails through a manage link' })
  @ApiOkResponse({ type: SubscriptionResponse })
  async update(@Query() query: LinkTokenQuery, @Body() body: SubscriptionChangeDto): Promise<SubscriptionResponse> {
    return SubscriptionResponse.of(await this.subscriptions.updateByLink(query.token, body), mask);
  }

  @Post('unsubscribe')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unsubscribe with the token of a personal link (the same as the one-click link in every mail)' })
  @ApiOkResponse({ type: UnsubscribedResponse })
  async unsubscribe(@Query() query: LinkTokenQuery): Promise<UnsubscribedResponse> {
    const { scope } = await this.subscriptions.unsubscribe(query.token);
    return Object.assign(new UnsubscribedResponse(), { scope });
  }
}

@ApiTags('subscriptions')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1/me/subscription')
export class MeSubscriptionController {
  constructor(private readonly subscriptions: SubscriptionService) {}

  @Get()
  @ApiOperation({ summary: 'The subscription of the logged-in account (topics, language, frequency, own-activity mails)' })
  @ApiOkResponse({ type: SubscriptionResponse })
  async get(@CurrentUser() user: AuthenticatedUser): Promise<SubscriptionResponse> {
    const view = await this.subscriptions.forUser(user);
    return SubscriptionResponse.of(
      view ?? { subscriberId: '', email: user.email, locale: user.locale, frequency: 'immediate', status: 'none', ownActivity: true, topics: [] },
      (e) => e,
    );
  }

  @Put()
  @ApiOperation({ summary: 'Set the subscription of the logged-in account; its verified address needs no confirmation mail' })
  @ApiOkResponse({ type: SubscriptionResponse })
  async update(@CurrentUser() user: AuthenticatedUser, @Body() body: SubscriptionChangeDto): Promise<SubscriptionResponse> {
    return SubscriptionResponse.of(await this.subscriptions.updateForUser(user, body), (e) => e);
  }
}
