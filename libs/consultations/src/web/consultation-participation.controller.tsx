import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { CurrentUser, type AuthenticatedUser } from '@civitas/auth';
import { AppConfig, Clock } from '@civitas/config';
import { DomainError, Public } from '@civitas/common';
import {
  AssetsService,
  emptyForm,
  FormErrors,
  formErrorsOf,
  PageController,
  pageNotFound,
  parseForm,
  WebPages,
  type FormState,
  type MapTiles,
  type PageContext,
} from '@civitas/web';
import { ConsultationsErrorCode } from '../consultations.errors';
import { ConsultationsService } from '../consultations.service';
import { MeetingId, ConsultationId } from '../http/params';
import { MeetingsService } from '../meetings.service';
import { SurveyService, type Survey } from '../survey.service';
import { consultationFacts, type ConsultationFacts } from './consultation-frame.view';
import { M } from './meetings-pages.texts';
import { meetingPoints, MeetingsView } from './meetings-pages.view';
import { missingOnPage, surveyAnswers, surveyErrorsOf, surveyPages, surveyValues } from './survey-form';
import { SurveyCodeFormDto, SurveyEmailFormDto } from './survey-pages.dto';
import { S } from './survey-pages.texts';
import { SurveyConfirmView, SurveyFormView, SurveyMessageView, SurveyPreview, SurveyRecordedView, SurveyResultsView } from './survey-pages.view';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL_LABELS = { email: S.emailLabel };
const CODE_LABELS = { code: S.codeLabel, response: S.codeLabel };
/** Meeting errors the meetings page explains itself (re-rendered with the message, nothing changed). */
const MEETING_CODES = new Set<string>([
  ConsultationsErrorCode.MeetingFull,
  ConsultationsErrorCode.AlreadyRegistered,
  ConsultationsErrorCode.MeetingOver,
  ConsultationsErrorCode.NgoOnly,
  ConsultationsErrorCode.NotOpen,
]);

/**
 * The survey and the meetings of a consultation, for residents and organisations. The rules are the services' (the
 * API's): who may answer or register, when, how often; these pages map their answers and errors to pages.
 */
@Public()
@PageController()
export class ConsultationParticipationController {
  private readonly tiles: MapTiles;

  constructor(
    private readonly pages: WebPages,
    private readonly consultations: ConsultationsService,
    private readonly survey: SurveyService,
    private readonly meetings: MeetingsService,
    private readonly assets: AssetsService,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.tiles = { url: config.site.map.tileUrl, attribution: config.site.map.attribution };
  }

  private async surveyFacts(id: string): Promise<{ facts: ConsultationFacts; survey: Survey }> {
    const facts = await consultationFacts(this.consultations, this.survey, id);
    if (!facts.hasSurvey) throw pageNotFound();
    return { facts, survey: await this.survey.get(id) };
  }

  /** Whether the visitor may be shown the form, else the page that says why not (and with which status). */
  private async surveyGate(
    reply: FastifyReply,
    page: PageContext,
    facts: ConsultationFacts,
    survey: Survey,
    user: AuthenticatedUser | undefined,
  ): Promise<FastifyReply | null> {
    const c = facts.c;
    const say = (children: preact.ComponentChildren, opts: { status?: number; heading?: string } = {}) =>
      this.pages.send(
        reply,
        page,
        <SurveyMessageView facts={facts} heading={opts.heading}>
          {children}
        </SurveyMessageView>,
        { status: opts.status },
      );
    const t = (x: { pl: string; en: string }) => x[page.locale];
    if (c.status === 'announced') return say(<SurveyPreview facts={facts} survey={survey} />);
    if (c.status === 'cancelled') return say(<p class="govuk-body">{t(S.cancelled)}</p>);
    if (c.status === 'closed' || c.status === 'report_published') {
      const results = survey.results ?? (await this.survey.results(c.id));
      return this.pages.send(reply, page, <SurveyResultsView facts={facts} results={results} />);
    }
    const signIn = (
      <p class="govuk-body">
        <a
          class="govuk-button"
          data-module="govuk-button"
          role="button"
          draggable={false}
          href={`/sign-in?next=${encodeURIComponent(`/consultations/${c.id}/survey`)}`}
        >
          {t(S.signInToAnswerButton)}
        </a>
      </p>
    );
    if (c.audience === 'ngo') {
      if (!user) return say([<p class="govuk-body">{t(S.ngoOnlySignIn)}</p>, signIn], { heading: t(S.ngoOnlyHeading) });
      if (!(await this.consultations.isOrganisation(user.id)))
        return say(<p class="govuk-body">{t(S.ngoOnlyRefused)}</p>, { status: 403, heading: t(S.ngoOnlyHeading) });
    }
    if (!user && survey.access === 'account') return say([<p class="govuk-body">{t(S.signInToAnswer)}</p>, signIn]);
    if (user && (await this.survey.hasResponded(c.id, user.id)))
      return say(<p class="govuk-body">{t(S.alreadyAnsweredText)}</p>, { heading: t(S.alreadyHeading) });
    return null;
  }

  @Get('consultations/:id/survey')
  async surveyPage(
    @Param('id', ConsultationId) id: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { facts, survey } = await this.surveyFacts(id);
    const gate = await this.surveyGate(reply, page, facts, survey, user);
    if (gate) return gate;
    const pages = surveyPages(survey.questions);
    return this.pages.send(reply, page, <SurveyFormView facts={facts} survey={survey} pages={pages} page={0} form={emptyForm()} askEmail={!user} />);
  }

  /**
   * The survey's form: "continue" and "back" between the pages of a long survey (the answers of the other pages
   * carried in hidden fields; the required questions of a page checked before moving on), "send" on the last page:
   * `SurveyService.respond` checks everything and stores the response, or nothing.
   */
  @Post('consultations/:id/survey')
  async answer(
    @Param('id', ConsultationId) id: string,
    @Body() body: unknown,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { facts, survey } = await this.surveyFacts(id);
    // An account is needed (account access, NGO-only): sign in first, then back to the survey.
    if (!user && (survey.access === 'account' || facts.c.audience === 'ngo'))
      return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(`/consultations/${id}/survey`)}`);
    const page = this.pages.context(reply);
    const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
    const pages = surveyPages(survey.questions);
    const last = pages.length - 1;
    const at = Math.min(Math.max(0, Number.parseInt(String(b.page ?? '0'), 10) || 0), pages.length - 1);
    const values = surveyValues(survey.questions, body);
    const show = (n: number, form: FormState, status?: number) =>
      this.pages.send(reply, page, <SurveyFormView facts={facts} survey={survey} pages={pages} page={n} form={form} askEmail={!user} />, { status });
    if (b.go === 'back') return show(Math.max(0, at - 1), { values, errors: FormErrors.none() });
    // "Continue" (also a form sent with Enter, which browsers send without a button) on a page before the last.
    if ((b.go === 'next' || b.go === undefined) && at < last) {
      const missing = missingOnPage(pages[at], values, page.locale);
      if (missing.any) return show(at, { values, errors: missing }, 422);
      return show(at + 1, { values, errors: FormErrors.none() });
    }
    // The last page (or a one-page survey): the answers and, for an anonymous participant, the address.
    let email: string | undefined;
    if (!user && values.email !== undefined) {
      const parsed = await parseForm(SurveyEmailFormDto, { email: values.email }, EMAIL_LABELS, page.locale);
      if (!parsed.ok) {
        // Nothing is sent to the service with a malformed address; the required questions are checked here too.
        const missing = missingOnPage(survey.questions, values, page.locale);
        return show(last, { values, errors: new FormErrors([...missing.list, ...parsed.errors.list]) }, 422);
      }
      email = parsed.value.email;
    }
    const { answers, fieldOf } = surveyAnswers(survey.questions, values);
    try {
      const receipt = await this.survey.respond(id, user ?? null, { answers, email });
      if (receipt.status === 'pending')
        return this.pages.redirect(reply, `/consultations/${id}/survey/confirm?response=${receipt.id}`, { kind: 'info', text: S.codeSentFlash });
      return this.pages.redirect(reply, `/consultations/${id}/survey/recorded`, { kind: 'success', text: S.recordedHeading });
    } catch (err) {
      if (err instanceof DomainError && err.code === ConsultationsErrorCode.AlreadyResponded)
        return this.pages.send(
          reply,
          page,
          <SurveyMessageView facts={facts} heading={S.alreadyHeading[page.locale]}>
            <p class="govuk-body">{S.alreadyText[page.locale]}</p>
            {user ? null : <p class="govuk-body">{S.alreadyPendingHint[page.locale]}</p>}
          </SurveyMessageView>,
          { status: 409 },
        );
      if (err instanceof DomainError && err.code === ConsultationsErrorCode.NgoOnly)
        return this.pages.send(
          reply,
          page,
          <SurveyMessageView facts={facts} heading={S.ngoOnlyHeading[page.locale]}>
            <p class="govuk-body">{S.ngoOnlyRefused[page.locale]}</p>
          </SurveyMessageView>,
          { status: 403 },
        );
      const errors = surveyErrorsOf(err, survey.questions, fieldOf, page.locale);
      if (!errors) throw err;
      // Back to the page of the first problem (a long survey), the answers as given.
      const firstField = errors.list.find((e) => e.field)?.field;
      const onPage = firstField ? pages.findIndex((p) => p.some((q) => `q${q.position}` === firstField)) : -1;
      return show(onPage >= 0 ? onPage : last, { values, errors }, 422);
    }
  }

  /** The code mailed to an anonymous participant (`?response=` the pending response it confirms). */
  @Get('consultations/:id/survey/confirm')
  async confirmPage(@Param('id', ConsultationId) id: string, @Query('response') response: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { facts } = await this.surveyFacts(id);
    if (typeof response !== 'string' || !UUID.test(response)) throw pageNotFound();
    return this.pages.send(reply, page, <SurveyConfirmView facts={facts} responseId={response} form={emptyForm()} />);
  }

  @Post('consultations/:id/survey/confirm')
  async confirm(@Param('id', ConsultationId) id: string, @Body() body: unknown, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { facts } = await this.surveyFacts(id);
    const parsed = await parseForm(SurveyCodeFormDto, body, CODE_LABELS, page.locale);
    const raw = (body && typeof body === 'object' ? (body as Record<string, unknown>).response : undefined) as unknown;
    const responseId = typeof raw === 'string' && UUID.test(raw) ? raw : null;
    if (!responseId) throw pageNotFound();
    const fail = (form: FormState, status = 422) =>
      this.pages.send(reply, page, <SurveyConfirmView facts={facts} responseId={responseId} form={form} />, { status });
    if (!parsed.ok) return fail({ values: {}, errors: parsed.errors });
    try {
      await this.survey.confirm(id, responseId, parsed.value.code);
    } catch (err) {
      const errors = formErrorsOf(err, CODE_LABELS, page.locale, new Set([ConsultationsErrorCode.TooManyAttempts]));
      if (!errors) throw err;
      return fail({ values: {}, errors }, err instanceof DomainError && err.kind === 'too_many_requests' ? 429 : 422);
    }
    return this.pages.redirect(reply, `/consultations/${id}/survey/recorded`, { kind: 'success', text: S.recordedHeading });
  }

  /** After a response is stored (signed in) or confirmed (the code): "your answers have been recorded". */
  @Get('consultations/:id/survey/recorded')
  async recorded(@Param('id', ConsultationId) id: string, @Res() reply: FastifyReply): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    const { facts } = await this.surveyFacts(id);
    // Only right after answering (the flash message says so); otherwise the survey page says where things stand.
    if (!page.flash) return this.pages.redirect(reply, `/consultations/${id}/survey`);
    // The panel says it; the banner would repeat it.
    page.flash = null;
    return this.pages.send(reply, page, <SurveyRecordedView facts={facts} />, { caching: 'no-store' });
  }

  /** The meetings page's data; a page with places on a map loads Leaflet's stylesheet and the map module (only then). */
  private async meetingsData(page: PageContext, id: string, user: AuthenticatedUser | undefined, now = this.clock.now()) {
    const facts = await consultationFacts(this.consultations, this.survey, id);
    const [meetings, mine, organisation] = await Promise.all([
      this.meetings.list(id),
      user ? this.meetings.registeredIds(id, user.id) : Promise.resolve([] as string[]),
      user && facts.c.audience === 'ngo' ? this.consultations.isOrganisation(user.id) : Promise.resolve(null),
    ]);
    const points = meetingPoints(meetings, page.locale);
    if (points.length) {
      page.assets.css.push(this.assets.url('leaflet.css'));
      page.assets.js.push(this.assets.url('budget-map.js'));
    }
    return { facts, meetings, mine: new Set(mine), notAnOrganisation: !!user && facts.c.audience === 'ngo' && !organisation, now, points, tiles: this.tiles };
  }

  @Get('consultations/:id/meetings')
  async meetingsPage(
    @Param('id', ConsultationId) id: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const page = this.pages.context(reply);
    return this.pages.send(reply, page, <MeetingsView data={await this.meetingsData(page, id, user)} />);
  }

  /** Register or withdraw (signed in): the service's rules; its refusals shown on the meetings page, nothing changed. */
  private async act(
    kind: 'register' | 'withdraw',
    id: string,
    meetingId: string,
    user: AuthenticatedUser | undefined,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const back = `/consultations/${id}/meetings`;
    if (!user) return this.pages.redirect(reply, `/sign-in?next=${encodeURIComponent(back)}`);
    const page = this.pages.context(reply);
    try {
      if (kind === 'register') await this.meetings.register(user, id, meetingId);
      else await this.meetings.withdraw(user, id, meetingId);
    } catch (err) {
      if (!(err instanceof DomainError) || !MEETING_CODES.has(err.code)) throw err;
      const errors = new FormErrors([{ field: null, text: `${err.text[page.locale]} ${M.notChanged[page.locale]}` }]);
      return this.pages.send(reply, page, <MeetingsView data={await this.meetingsData(page, id, user)} errors={errors} />, {
        status: err.kind === 'forbidden' ? 403 : 409,
      });
    }
    return this.pages.redirect(reply, back, { kind: 'success', text: kind === 'register' ? M.registeredFlash : M.withdrawnFlash });
  }

  @Post('consultations/:id/meetings/:meetingId/register')
  register(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.act('register', id, meetingId, user, reply);
  }

  @Post('consultations/:id/meetings/:meetingId/withdraw')
  withdraw(
    @Param('id', ConsultationId) id: string,
    @Param('meetingId', MeetingId) meetingId: string,
    @CurrentUser() user: AuthenticatedUser | undefined,
    @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    return this.act('withdraw', id, meetingId, user, reply);
  }
}
