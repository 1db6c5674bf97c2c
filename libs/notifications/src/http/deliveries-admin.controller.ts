import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@civitas/auth';
import { DeliveriesAdminService } from '../deliveries-admin.service';
import { NotificationsError } from '../notifications.errors';
import { ListDeliveriesQuery, PageQuery, RetryFailedDto } from './dto/subscription.dto';
import { DeliveryListResponse, DeliveryResponse, EventListResponse, RetriedResponse } from './dto/subscription.response';

const DeliveryId = new ParseUUIDPipe({ exceptionFactory: () => NotificationsError.deliveryNotFound() });

@ApiTags('notifications (admin)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Roles('official')
@Controller('api/v1/admin')
export class DeliveriesAdminController {
  constructor(private readonly admin: DeliveriesAdminService) {}

  @Get('deliveries')
  @ApiOperation({ summary: 'Mail deliveries, newest first, e.g. ?status=failed (officials and admins)' })
  @ApiOkResponse({ type: DeliveryListResponse })
  async list(@Query() q: ListDeliveriesQuery): Promise<DeliveryListResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const { items, total } = await this.admin.list({ status: q.status, eventId: q.eventId, page, pageSize });
    return { items: items.map(DeliveryResponse.of), total, page, pageSize };
  }

  @Post('deliveries/:id/retry')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send a failed delivery again' })
  @ApiAcceptedResponse({ type: DeliveryResponse })
  async retry(@Param('id', DeliveryId) id: string): Promise<DeliveryResponse> {
    return DeliveryResponse.of(await this.admin.retry(id));
  }

  @Post('deliveries/retry-failed')
  @HttpCode(202)
  @ApiOperation({ summary: 'Send every failed delivery again (optionally of one event)' })
  @ApiAcceptedResponse({ type: RetriedResponse })
  async retryFailed(@Body() body: RetryFailedDto): Promise<RetriedResponse> {
    return { retried: await this.admin.retryFailed(body.eventId) };
  }

  @Get('notification-events')
  @ApiOperation({ summary: 'Notification events, newest first, with their deliveries counted per status' })
  @ApiOkResponse({ type: EventListResponse })
  async events(@Query() q: PageQuery): Promise<EventListResponse> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    return { ...(await this.admin.events(page, pageSize)), page, pageSize };
  }
}
