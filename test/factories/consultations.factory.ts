import type { AuthenticatedUser } from '@civitas/auth';
import { Clock } from '@civitas/config';
import {
  ConsultationsService,
  DocumentsService,
  SurveyService,
  type Consultation,
  type ConsultationInput,
  type QuestionInput,
  type SectionInput,
} from '@civitas/consultations';
import type { HasApp } from './world.factory';

const DAY = 24 * 3600_000;

/**
 * A consultation of `official`, built through the consultations' own services at the time of the application's clock:
 * it opens `opensInDays` days from now (8 by default: past the usual week's notice) and closes `lastsDays` days after
 * opening (22 by default); with the document's sections and the survey's questions given, and announced unless
 * `announce` is false (then it stays a draft, invisible to the public).
 */
export async function aConsultation(
  t: HasApp,
  official: AuthenticatedUser,
  opts: Omit<ConsultationInput, 'opensAt' | 'closesAt'> & {
    opensInDays?: number;
    lastsDays?: number;
    sections?: SectionInput[];
    questions?: QuestionInput[];
    announce?: boolean;
  } = {},
): Promise<Consultation> {
  const consultations = t.app.get(ConsultationsService, { strict: false });
  const { opensInDays = 8, lastsDays = 22, sections, questions, announce = true, ...input } = opts;
  const opensAt = t.app.get(Clock, { strict: false }).ms() + Math.round(opensInDays * DAY);
  const created = await consultations.create(official, {
    title: 'Park nad Potokiem: projekt zagospodarowania',
    summary: 'Projekt dla terenu parku i jego otoczenia.',
    organiserUnit: 'Wydział Środowiska',
    ...input,
    opensAt: new Date(opensAt).toISOString(),
    closesAt: new Date(opensAt + Math.round(lastsDays * DAY)).toISOString(),
  });
  if (sections) await t.app.get(DocumentsService, { strict: false }).putVersion(official, created.id, { sections });
  if (questions) await t.app.get(SurveyService, { strict: false }).setQuestions(official, created.id, questions);
  return announce ? consultations.announce(official, created.id) : consultations.get(created.id, { includeDraft: true });
}
