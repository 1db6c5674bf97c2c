import { Body, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Roles } from '@civitas/auth';
import { emptyForm, formBody, formErrorsOf, FormErrors, PageController, parseForm, textWith, typedValues, WebPages, type FormState } from '@civitas/web';
import type { AreaEntity } from '../area.entity';
import { AreasError } from '../areas.errors';
import { AreasService } from '../areas.service';
import { CreateAreaDto } from '../dto/area.dto';
import { AD } from './areas-desk.texts';
import { AreaFormView, AreasListView } from './areas-desk.views';

const AreaId = new ParseUUIDPipe({ exceptionFactory: () => AreasError.notFound() });
const LABELS = { name: AD.name, kind: AD.kind, parentId: AD.parent, residentCount: AD.residents };

/**
 * The administration's pages of the city's areas: the tree with resident counts, adding and changing an area —
 * through AreasService, so the placement rules (a district under a city, no cycles…) and their messages are the
 * API's.
 */
@PageController('desk/admin/areas')
@Roles('admin')
export class AreasDeskController {
  constructor(
    private readonly pages: WebPages,
    private readonly areas: AreasService,
  ) {}

  @Get()
  async list(@Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.pages.send(reply, this.pages.context(reply), <AreasListView areas={await this.areas.list()} />);
  }

  @Get('new')
  async newPage(@Res() reply: FastifyReply): Promise<FastifyReply> {
    const form = emptyForm({ kind: 'district', residentCount: '0' });
    return this.pages.send(reply, this.pages.context(reply), <AreaFormView form={form} areas={await this.areas.list()} area={null} />);
  }

  @Post('new')
  async create(@Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.save(reply, body, null);
  }

  @Get(':id')
  async editPage(@Param('id', AreaId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const area = await this.areas.get(id);
    const form = emptyForm({ name: area.name, kind: area.kind, parentId: area.parentId ?? '', residentCount: String(area.residentCount) });
    return this.pages.send(reply, this.pages.context(reply), <AreaFormView form={form} areas={await this.areas.list()} area={area} />);
  }

  @Post(':id')
  async update(@Param('id', AreaId) id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    return this.save(reply, body, await this.areas.get(id));
  }

  /** Validates with the API's DTO (the count typed as digits), saves through the service, or the form again (422). */
  private async save(reply: FastifyReply, body: unknown, area: AreaEntity | null): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const raw = formBody(body);
    const fail = async (form: FormState) =>
      this.pages.send(reply, page, <AreaFormView form={form} areas={await this.areas.list()} area={area} />, { status: 422 });
    const count = typeof raw.residentCount === 'string' ? raw.residentCount.replace(/[\s\u00a0\u202f]/g, '') : '';
    if (count !== '' && !/^\d{1,10}$/.test(count))
      return fail({ values: typedValues(raw), errors: new FormErrors([{ field: 'residentCount', text: AD.residentsNumber[page.locale] }]) });
    const parsed = await parseForm(
      CreateAreaDto,
      { ...raw, parentId: raw.parentId === '' ? undefined : raw.parentId, residentCount: count === '' ? undefined : Number(count) },
      LABELS,
      page.locale,
    );
    if (!parsed.ok) return fail({ values: typedValues(raw), errors: parsed.errors });
    const input = { ...parsed.value, parentId: parsed.value.parentId ?? null };
    let saved: AreaEntity;
    try {
      saved = area ? await this.areas.update(area.id, input) : await this.areas.create(input);
    } catch (err) {
      const errors = formErrorsOf(err, LABELS, page.locale);
      if (!errors) throw err;
      return fail({ values: typedValues(raw), errors });
    }
    return this.pages.redirect(reply, '/desk/admin/areas', { kind: 'success', text: textWith(area ? AD.saved : AD.created, { name: saved.name }) });
  }
}
