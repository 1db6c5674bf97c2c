import { Body, Controller, Get, Header, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser, Roles } from '@civitas/auth';
import { contentDisposition } from '@civitas/common';
import { AgreementService } from '../agreement.service';
import { AgreementDto, FinalReportDto, SignDto, TerminateDto } from './agreement.dto';
import { FullInitiativeResponse } from './initiatives.response';
import { InitiativeId } from './params';

/** The agreement is a document with personal data: never cached, and no script or outside resource runs in it. */
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'";

@ApiTags('local initiatives (officials)')
@ApiBearerAuth()
@ApiCookieAuth('civitas_session')
@Controller('api/v1')
export class AgreementController {
  constructor(private readonly agreements: AgreementService) {}

  private static file(doc: { fileName: string; html: string }): StreamableFile {
    const body = Buffer.from(doc.html, 'utf8');
    return new StreamableFile(body, { type: 'text/html; charset=utf-8', disposition: contentDisposition(doc.fileName), length: body.length });
  }

  @Post('admin/initiatives/:id/agreement')
  @Roles('official')
  @HttpCode(200)
  @ApiOperation({ summary: 'Draft the agreement of an approved application (or draft it again before signing): term and number (default <case number>/U)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  draft(@Param('id', InitiativeId) id: string, @Body() body: AgreementDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.agreements.draft(user, id, body);
  }

  @Get('admin/initiatives/:id/agreement')
  @Roles('official')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', DOCUMENT_CSP)
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'The agreement as an HTML document (Polish), generated from the application' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The agreement: an HTML document (UTF-8).' })
  async document(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return AgreementController.file(await this.agreements.document(user, id));
  }

  @Post('admin/initiatives/:id/agreement/sign')
  @Roles('official')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the signature of the drafted agreement (the day, not in the future)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  sign(@Param('id', InitiativeId) id: string, @Body() body: SignDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.agreements.sign(user, id, body.signedOn);
  }

  @Post('admin/initiatives/:id/start')
  @Roles('official')
  @HttpCode(200)
  @ApiOperation({ summary: 'The signed task starts: in progress' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  start(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.agreements.start(user, id);
  }

  @Post('admin/initiatives/:id/terminate')
  @Roles('official')
  @HttpCode(200)
  @ApiOperation({ summary: 'Terminate a signed agreement (or one in progress), with the reason; the city share returns to the allocation' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  terminate(@Param('id', InitiativeId) id: string, @Body() body: TerminateDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.agreements.terminate(user, id, body.reason);
  }

  @Post('admin/initiatives/:id/complete')
  @Roles('official')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept the final report: the task is completed (told to the applicants and the initiatives subscribers)' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  complete(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.agreements.complete(user, id);
  }

  @Get('initiatives/:id/agreement')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', DOCUMENT_CSP)
  @ApiTags('local initiatives')
  @ApiProduces('text/html')
  @ApiOperation({ summary: 'My application’s agreement as an HTML document, once drafted (the author and the officials of its area)' })
  @ApiOkResponse({ schema: { type: 'string' }, description: 'The agreement: an HTML document (UTF-8).' })
  async myDocument(@Param('id', InitiativeId) id: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    return AgreementController.file(await this.agreements.document(user, id, true));
  }

  @Post('initiatives/:id/final-report')
  @HttpCode(200)
  @ApiTags('local initiatives')
  @ApiOperation({ summary: 'File (or file again) the final report of my application in progress: the actual contributions of both sides' })
  @ApiOkResponse({ type: FullInitiativeResponse })
  report(@Param('id', InitiativeId) id: string, @Body() body: FinalReportDto, @CurrentUser() user: AuthenticatedUser): Promise<FullInitiativeResponse> {
    return this.agreements.fileReport(user, id, body);
  }
}
