import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthenticatedUser } from '@civitas/auth';
import { FieldText, plainText, renderMarkdown } from '@civitas/common';
import { appendAudit } from '@civitas/database';
import { ConsultationsError, field } from './consultations.errors';
import { ConsultationsService } from './consultations.service';
import { DocumentRepository } from './document.repository';

export interface SectionInput {
  key?: string;
  heading?: string;
  body?: string;
}

export interface DocumentInput {
  note?: string;
  sections?: SectionInput[];
}

export interface DocumentSection {
  id: string;
  key: string;
  position: number;
  heading: string;
  /** Markdown as written. */
  body: string;
  /** The body rendered from Markdown: raw HTML escaped, only safe links. */
  bodyHtml: string;
}

export interface DocumentVersion {
  version: number;
  note: string;
  createdAt: Date;
}

export interface ConsultationDocument {
  consultationId: string;
  /** The version shown (0 when the consultation has no document yet). */
  version: number;
  /** The newest version. */
  currentVersion: number;
  sections: DocumentSection[];
  versions: DocumentVersion[];
}

const MAX_SECTIONS = 500;
const LIMITS = { key: 50, heading: 300, body: 100_000, note: 1000 };

/** The statuses in which the document may get a new version. */
const EDITABLE = ['draft', 'announced', 'open'];

const tooLong = (path: string, max: number) => field(path, 'too_long', { pl: `Najwyżej ${max} znaków.`, en: `At most ${max} characters.` });

/**
 * The document of a consultation: numbered sections kept in versions. A section is known by its key (e.g. "§ 1"),
 * unique in the consultation regardless of case; it keeps its id across versions, so comments keep pointing at it.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly ds: DataSource,
    private readonly consultations: ConsultationsService,
    private readonly repo: DocumentRepository,
  ) {}

  /** The current version's number (0 when there is none). */
  async currentVersion(m: EntityManager, consultationId: string): Promise<number> {
    return this.repo.currentVersion(m, consultationId);
  }

  /** Checks and cleans a new version; every problem at once (422 naming the fields). */
  private clean(input: DocumentInput): { note: string; sections: Array<{ key: string; heading: string; body: string }> } {
    const problems: FieldText[] = [];
    const note = plainText(String(input.note ?? ''));
    if (note.length > LIMITS.note) problems.push(tooLong('note', LIMITS.note));
    const raw = input.sections ?? [];
    if (!Array.isArray(raw) || raw.length === 0)
      problems.push(field('sections', 'required', { pl: 'Dokument musi mieć co najmniej jeden fragment.', en: 'The document needs at least one section.' }));
    if (raw.length > MAX_SECTIONS)
      problems.push(field('sections', 'too_many', { pl: `Najwyżej ${MAX_SECTIONS} fragmentów.`, en: `At most ${MAX_SECTIONS} sections.` }));
    const seen = new Map<string, number>();
    const sections = raw.map((s, i) => {
      const key = plainText(String(s.key ?? ''));
      const heading = plainText(String(s.heading ?? ''));
      const body = String(s.body ?? '').normalize('NFC');
      if (!key)
        problems.push(field(`sections.${i}.key`, 'required', { pl: 'Podaj oznaczenie fragmentu (np. „§ 1”).', en: 'Give the section a key (e.g. "§ 1").' }));
      else if (key.length > LIMITS.key) problems.push(tooLong(`sections.${i}.key`, LIMITS.key));
      else if (seen.has(key.toLowerCase()))
        problems.push(
          field(`sections.${i}.key`, 'duplicate', {
            pl: `Oznaczenie „${key}” występuje już we fragmencie nr ${seen.get(key.toLowerCase())! + 1}.`,
            en: `The key "${key}" is already used by section ${seen.get(key.toLowerCase())! + 1}.`,
          }),
        );
      else seen.set(key.toLowerCase(), i);
      if (heading.length > LIMITS.heading) problems.push(tooLong(`sections.${i}.heading`, LIMITS.heading));
      if (!body.trim()) problems.push(field(`sections.${i}.body`, 'required', { pl: 'Podaj treść fragmentu.', en: 'Give the text of the section.' }));
      else if (body.length > LIMITS.body) problems.push(tooLong(`sections.${i}.body`, LIMITS.body));
      return { key, heading, body };
    });
    if (problems.length) throw ConsultationsError.invalidDocument(problems);
    return { note, sections };
  }

  /**
   * Stores the next version of the document (officials who may run the consultation; while it is a draft, announced
   * or open). Known keys keep their section, new keys make new sections; positions follow the order given.
   */
  async putVersion(user: AuthenticatedUser, id: string, input: DocumentInput): Promise<ConsultationDocument> {
    const doc = this.clean(input);
    const version = await this.ds.transaction(async (m) => {
      const c = await this.consultations.manageable(user, id, m, true);
      if (!EDITABLE.includes(c.status)) throw ConsultationsError.notEditable(c.status, { pl: 'Dokumentu konsultacji', en: 'The document of the consultation' });
      const version = (await this.currentVersion(m, id)) + 1;
      await this.repo.insertVersion(m, id, version, doc.note, user.id);
      const byKey = await this.repo.sectionIdsByKey(m, id);
      let created = 0;
      for (const [i, s] of doc.sections.entries()) {
        let sectionId = byKey.get(s.key.toLowerCase());
        if (!sectionId) {
          sectionId = await this.repo.insertSection(m, id, s.key);
          created += 1;
        }
        await this.repo.insertSectionText(m, { sectionId, consultationId: id, version, position: i + 1, heading: s.heading, body: s.body });
      }
      await appendAudit(m, {
        actorId: user.id,
        action: 'consultation.document_versioned',
        subjectType: 'consultation',
        subjectId: id,
        details: { version, sections: doc.sections.length, newSections: created },
      });
      return version;
    });
    return this.get(id, { version, includeDraft: true });
  }

  /** One version of the document (the current one by default) with the list of versions; drafts only with includeDraft. */
  async get(id: string, opts: { version?: number; includeDraft?: boolean } = {}): Promise<ConsultationDocument> {
    const m = this.ds.manager;
    await this.consultations.row(m, id, { includeDraft: opts.includeDraft });
    const versions = await this.repo.listVersions(id, m);
    const current = versions.length ? versions[versions.length - 1].version : 0;
    const version = opts.version ?? current;
    if (opts.version !== undefined && !versions.some((v) => v.version === version)) throw ConsultationsError.documentVersionNotFound(version);
    const sections = await this.repo.listSections(id, version, m);
    return {
      consultationId: id,
      version,
      currentVersion: current,
      sections: sections.map((s) => ({ ...s, bodyHtml: renderMarkdown(s.body) })),
      versions,
    };
  }
}
