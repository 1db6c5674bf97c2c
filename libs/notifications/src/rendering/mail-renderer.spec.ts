import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locale } from '@civitas/common';
import { NOTIFICATION_KINDS, type NotificationFacts, type NotificationKind } from '../events';
import type { EventMailInput, MailLinks, MailReason, RenderedMail } from './contract';
import { MailRenderer } from './mail-renderer';

const SAMPLE_FACTS: { [K in NotificationKind]: NotificationFacts[K] } = {
  'consultation.announced': {
    consultationId: 'c-101',
    title: 'Zagospodarowanie parku nad Wartą',
    opensAt: '2026-12-01T09:00:00Z',
    closesAt: '2026-12-15T22:59:00Z',
  },
  'consultation.opened': { consultationId: 'c-101', title: 'Zagospodarowanie parku nad Wartą', closesAt: '2026-12-15T22:59:00Z' },
  'consultation.closed': { consultationId: 'c-101', title: 'Zagospodarowanie parku nad Wartą' },
  'consultation.report_published': { consultationId: 'c-101', title: 'Zagospodarowanie parku nad Wartą' },
  'comment.moderated': {
    consultationId: 'c-101',
    consultationTitle: 'Zagospodarowanie parku nad Wartą',
    commentId: 'k-7',
    action: 'hidden',
    reason: 'personal_data',
    note: 'Komentarz zawierał numer telefonu sąsiada.',
  },
  'project.status_changed': {
    editionId: 'e-2027',
    editionName: 'Budżet Obywatelski 2027',
    projectId: 'p-42',
    title: 'Ławki na Starym Rynku',
    status: 'rejected',
    reason: 'Teren wskazany w projekcie nie należy do miasta.',
    deadline: '2026-06-30T21:59:00Z',
  },
  'project.request': {
    editionId: 'e-2027',
    editionName: 'Budżet Obywatelski 2027',
    projectId: 'p-42',
    title: 'Ławki na Starym Rynku',
    request: 'cost_correction',
    reason: 'Ceny ławek według aktualnego cennika miasta.',
    total: '4500000',
  },
  'project.implementation_ended': {
    editionId: 'e-2027',
    editionName: 'Budżet Obywatelski 2027',
    projectId: 'p-42',
    title: 'Ławki na Starym Rynku',
    status: 'implemented',
    happenedOn: '2027-06-12',
    note: 'Ustawiono 12 ławek z oparciami.\nOdbiór techniczny bez uwag.',
  },
  'voting.opened': { editionId: 'e-2027', editionName: 'Budżet Obywatelski 2027', closesAt: '2026-09-30T21:59:00Z' },
  'results.published': { editionId: 'e-2027', editionName: 'Budżet Obywatelski 2027', winners: 14, totalCost: '812345678' },
  'initiative.status_changed': {
    initiativeId: 'i-9',
    caseNumber: 'IL.2026.17',
    title: 'Ogród społeczny na Jeżycach',
    status: 'rejected',
    reason: 'Zadanie nie mieści się w katalogu zadań publicznych.',
    deadline: '2026-05-15T09:30:00Z',
  },
};

const SUBJECTS: { [K in NotificationKind]: Record<Locale, string> } = {
  'consultation.announced': {
    pl: 'Zapowiedź konsultacji: Zagospodarowanie parku nad Wartą',
    en: 'Consultation announced: Zagospodarowanie parku nad Wartą',
  },
  'consultation.opened': {
    pl: 'Rozpoczęły się konsultacje: Zagospodarowanie parku nad Wartą',
    en: 'Consultation open: Zagospodarowanie parku nad Wartą',
  },
  'consultation.closed': {
    pl: 'Zakończyły się konsultacje: Zagospodarowanie parku nad Wartą',
    en: 'Consultation closed: Zagospodarowanie parku nad Wartą',
  },
  'consultation.report_published': {
    pl: 'Raport z konsultacji: Zagospodarowanie parku nad Wartą',
    en: 'Consultation report: Zagospodarowanie parku nad Wartą',
  },
  'comment.moderated': {
    pl: 'Twój komentarz został ukryty: Zagospodarowanie parku nad Wartą',
    en: 'Your comment was hidden: Zagospodarowanie parku nad Wartą',
  },
  'project.status_changed': { pl: 'Projekt „Ławki na Starym Rynku”: odrzucony', en: 'Project “Ławki na Starym Rynku”: rejected' },
  'project.request': { pl: 'Projekt „Ławki na Starym Rynku”: propozycja korekty kosztu', en: 'Project “Ławki na Starym Rynku”: a proposed cost correction' },
  'project.implementation_ended': { pl: 'Projekt „Ławki na Starym Rynku”: zrealizowany', en: 'Project “Ławki na Starym Rynku”: implemented' },
  'voting.opened': { pl: 'Rozpoczęło się głosowanie: Budżet Obywatelski 2027', en: 'Voting is open: Budżet Obywatelski 2027' },
  'results.published': { pl: 'Wyniki głosowania: Budżet Obywatelski 2027', en: 'Voting results: Budżet Obywatelski 2027' },
  'initiative.status_changed': {
    pl: 'Wniosek nr IL.2026.17 „Ogród społeczny na Jeżycach”: odrzucony',
    en: 'Application IL.2026.17 “Ogród społeczny na Jeżycach”: rejected',
  },
};

const EXPECTED_PATHS: Record<NotificationKind, string> = {
  'consultation.announced': '/consultations/c-101',
  'consultation.opened': '/consultations/c-101',
  'consultation.closed': '/consultations/c-101',
  'consultation.report_published': '/consultations/c-101/report',
  'comment.moderated': '/consultations/c-101#comment-k-7',
  'project.status_changed': '/projects/p-42',
  'project.request': '/budget/my-projects',
  'project.implementation_ended': '/projects/p-42',
  'voting.opened': '/budget/e-2027/vote',
  'results.published': '/budget/e-2027/results',
  'initiative.status_changed': '/initiatives/i-9',
};

const PUBLIC_URL = 'https://civitas.poznan.example';
const LINKS: MailLinks = {
  publicUrl: PUBLIC_URL,
  unsubscribeUrl: `${PUBLIC_URL}/notifications/unsubscribe?token=tok_AbC123&scope=topics`,
  manageUrl: `${PUBLIC_URL}/notifications/manage?token=tok_AbC123`,
};
const TOPIC: MailReason = { why: 'topic', topicLabels: ['Wyniki budżetu obywatelskiego', 'Jeżyce'] };

/** A URL as it appears in an HTML attribute. */
const attr = (url: string) => url.replace(/&/g, '&amp;');

function event<K extends NotificationKind>(kind: K, locale: Locale, facts: Partial<NotificationFacts[K]> = {}, reason: MailReason = TOPIC): EventMailInput {
  return { kind, facts: { ...SAMPLE_FACTS[kind], ...facts }, locale, links: LINKS, reason } as EventMailInput;
}

describe('MailRenderer', () => {
  const renderer = new MailRenderer();

  describe.each(NOTIFICATION_KINDS)('%s', (kind) => {
    it.each(['pl', 'en'] as const)('renders in %s with the link and the footer', (locale) => {
      const mail = renderer.renderEvent(event(kind, locale));
      const link = PUBLIC_URL + EXPECTED_PATHS[kind];

      expect(mail.subject).toBe(SUBJECTS[kind][locale]);
      expect(mail.html).toMatch(new RegExp(`^<!doctype html>\\s*<html lang="${locale}">`));
      expect(mail.html).toContain(`<title>${SUBJECTS[kind][locale].replace(/"/g, '&quot;')}</title>`);
      expect(mail.text.startsWith(locale === 'pl' ? 'Dzień dobry!' : 'Hello,')).toBe(true);
      expect(mail.text).toContain(locale === 'pl' ? '— Zespół Civitas' : '— The Civitas team');
      for (const url of [link, LINKS.manageUrl, LINKS.unsubscribeUrl]) {
        expect(mail.text).toContain(url);
        expect(mail.html).toContain(`href="${attr(url)}"`);
      }
      expect(mail.text).toContain(
        locale === 'pl'
          ? 'ponieważ subskrybujesz powiadomienia Civitas: Wyniki budżetu obywatelskiego, Jeżyce.'
          : 'because you subscribed to Civitas notifications: Wyniki budżetu obywatelskiego, Jeżyce.',
      );
      expect(mail.text).not.toMatch(/\{\{|\n\n\n|&amp;|<p>/);
      expect(mail.html).not.toMatch(/\{\{|<p>\s*<\/p>/);
    });
  });

  it('says when a mail concerns the recipient directly', () => {
    const pl = renderer.renderEvent(event('comment.moderated', 'pl', {}, { why: 'direct' }));
    const en = renderer.renderEvent(event('comment.moderated', 'en', {}, { why: 'direct' }));
    expect(pl.text).toContain('Otrzymujesz tę wiadomość, ponieważ dotyczy Twojego projektu, komentarza lub wniosku.');
    expect(en.html).toContain('You receive this message because it concerns your own project, comment or application.');
    expect(pl.text).not.toContain('subskrybujesz');
  });

  it('words each moderation act for the author of the comment', () => {
    const subject = (action: 'hidden' | 'restored' | 'approved', locale: 'pl' | 'en') =>
      renderer.renderEvent(event('comment.moderated', locale, { action }, { why: 'direct' })).subject;
    expect(subject('hidden', 'pl')).toContain('Twój komentarz został ukryty');
    expect(subject('restored', 'pl')).toContain('Twój komentarz został przywrócony');
    expect(subject('approved', 'pl')).toContain('Twój komentarz został opublikowany');
    expect(subject('approved', 'en')).toContain('Your comment was published');
    const text = renderer.renderEvent(event('comment.moderated', 'pl', { action: 'approved' }, { why: 'direct' })).text;
    expect(text).toContain('Moderator dopuścił Twój komentarz');
    expect(text).not.toContain('Powód');
  });

  it('escapes user content in HTML but not in the subject or the text', () => {
    const title = '<script>alert("x")</script> & Co';
    const mail = renderer.renderEvent(event('consultation.opened', 'pl', { title }));
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain(`Rozpoczęły się konsultacje społeczne „${title}”.`);
    expect(mail.subject).toBe(`Rozpoczęły się konsultacje: ${title}`);
  });

  it('keeps a subject on one line', () => {
    const mail = renderer.renderEvent(event('consultation.closed', 'en', { title: 'Two\nlines\r\nBcc: x@example.com' }));
    expect(mail.subject).toBe('Consultation closed: Two lines Bcc: x@example.com');
  });

  it('formats dates and money', () => {
    const announced = renderer.renderEvent(event('consultation.announced', 'pl'));
    expect(announced.text).toContain('Konsultacje potrwają od 1 grudnia 2026, 10:00 do 15 grudnia 2026, 23:59.');
    const results = renderer.renderEvent(event('results.published', 'en'));
    expect(results.text).toContain('Total cost of the selected projects: PLN 8,123,456.78');
    expect(renderer.renderEvent(event('results.published', 'pl')).html).toContain('Łączny koszt wybranych projektów: <strong>8 123 456,78 zł</strong>');
  });

  it('shows the justification and the appeal deadline of a rejected project', () => {
    const pl = renderer.renderEvent(event('project.status_changed', 'pl'));
    expect(pl.text).toContain('Projekt nie przeszedł oceny i nie zostanie poddany pod głosowanie.');
    expect(pl.text).toContain('Uzasadnienie: Teren wskazany w projekcie nie należy do miasta.');
    expect(pl.text).toContain('Termin na złożenie odwołania: 30 czerwca 2026, 23:59');
    expect(pl.html).toContain('<strong>Uzasadnienie:</strong> Teren wskazany w projekcie nie należy do miasta.');
    expect(pl.html).toContain('<strong>Termin na złożenie odwołania:</strong> 30 czerwca 2026, 23:59');
    const en = renderer.renderEvent(event('project.status_changed', 'en'));
    expect(en.text).toContain('Justification: Teren wskazany w projekcie nie należy do miasta.');
    expect(en.text).toContain('Deadline for an appeal: 30 June 2026, 23:59');
  });

  it('shows the deadline of a correction request and leaves out what is not given', () => {
    const mail = renderer.renderEvent(
      event('project.status_changed', 'pl', { status: 'correction_requested', reason: undefined, deadline: '2026-04-10T21:59:00Z' }),
    );
    expect(mail.subject).toBe('Projekt „Ławki na Starym Rynku”: wymaga poprawek');
    expect(mail.text).toContain('Termin na wprowadzenie poprawek: 10 kwietnia 2026, 23:59');
    expect(mail.text).not.toContain('Uzasadnienie');
    const plain = renderer.renderEvent(event('project.status_changed', 'en', { status: 'formal_review', reason: undefined, deadline: undefined }));
    expect(plain.text).toContain('has a new status: in formal review.');
    expect(plain.text).not.toMatch(/Deadline|Justification/);
  });

  it('leads an invitation to co-author to its page (the project may be a private draft), other requests to the author’s list', () => {
    const invitation = renderer.renderEvent(event('project.request', 'pl', { request: 'coauthor_invitation', from: 'Anna Autorka' }));
    expect(invitation.text).toContain(`${PUBLIC_URL}/projects/p-42/invitation`);
    const merge = renderer.renderEvent(event('project.request', 'en', { request: 'merge' }));
    expect(merge.text).toContain(`${PUBLIC_URL}/budget/my-projects`);
    expect(merge.text).not.toContain('/projects/p-42');
  });

  it('shows an unknown status as it is', () => {
    const mail = renderer.renderEvent(event('project.status_changed', 'en', { status: 'archived', reason: undefined, deadline: undefined }));
    expect(mail.subject).toBe('Project “Ławki na Starym Rynku”: archived');
  });

  it('tells that a project was implemented, with the day and the note, and thanks its authors', () => {
    const pl = renderer.renderEvent(event('project.implementation_ended', 'pl', {}, { why: 'direct' }));
    expect(pl.text).toContain(
      'Projekt „Ławki na Starym Rynku” wybrany w budżecie obywatelskim „Budżet Obywatelski 2027” został zrealizowany (stan na 12 czerwca 2027). Dziękujemy za zgłoszenie tego projektu!',
    );
    expect(pl.text).toContain('Ustawiono 12 ławek z oparciami.\nOdbiór techniczny bez uwag.');
    expect(pl.text).not.toContain('Powód');
    expect(pl.html).toContain('<p style="white-space:pre-line;">Ustawiono 12 ławek z oparciami.\nOdbiór techniczny bez uwag.</p>');
    const subscriber = renderer.renderEvent(event('project.implementation_ended', 'en'));
    expect(subscriber.text).toContain('has been implemented (as of 12 June 2027).');
    expect(subscriber.text).not.toContain('Thank you for proposing it');
  });

  it('tells that a project was abandoned, with the reason, escaped in HTML', () => {
    const facts = { status: 'abandoned' as const, note: 'Prace wstrzymano.', reason: 'Działka okazała się <b>prywatna</b>.' };
    const pl = renderer.renderEvent(event('project.implementation_ended', 'pl', facts));
    expect(pl.subject).toBe('Projekt „Ławki na Starym Rynku”: realizacja zaniechana');
    expect(pl.text).toContain('Miasto zaniechało realizacji projektu „Ławki na Starym Rynku”');
    expect(pl.text).toContain('Powód zaniechania: Działka okazała się <b>prywatna</b>.');
    expect(pl.html).toContain('<strong>Powód zaniechania:</strong> Działka okazała się &lt;b&gt;prywatna&lt;/b&gt;.');
    const en = renderer.renderEvent(event('project.implementation_ended', 'en', facts, { why: 'direct' }));
    expect(en.subject).toBe('Project “Ławki na Starym Rynku”: implementation abandoned');
    expect(en.text).toContain('Reason for abandoning it: Działka okazała się <b>prywatna</b>.');
    expect(en.text).not.toContain('Thank you');
  });

  it('shows the justification of a rejected initiative', () => {
    const mail = renderer.renderEvent(event('initiative.status_changed', 'pl'));
    expect(mail.text).toContain('Miasto nie przyjęło inicjatywy do realizacji.');
    expect(mail.text).toContain('Uzasadnienie: Zadanie nie mieści się w katalogu zadań publicznych.');
    expect(mail.text).toContain('Termin: 15 maja 2026, 11:30');
    const correction = renderer.renderEvent(event('initiative.status_changed', 'en', { status: 'correction_requested', reason: 'The budget is missing.' }));
    expect(correction.text).toContain('Justification: The budget is missing.');
    expect(correction.text).toContain('Deadline for completing the application: 15 May 2026, 11:30');
  });

  it('shows why a comment was hidden, and the moderator note escaped in HTML', () => {
    const pl = renderer.renderEvent(event('comment.moderated', 'pl', { note: 'Usunięto <b>nazwisko</b>.' }));
    expect(pl.text).toContain('Powód: dane osobowe');
    expect(pl.text).toContain('Uwagi moderatora: Usunięto <b>nazwisko</b>.');
    expect(pl.html).toContain('<strong>Powód:</strong> dane osobowe');
    expect(pl.html).toContain('Usunięto &lt;b&gt;nazwisko&lt;/b&gt;.');
    const restored = renderer.renderEvent(event('comment.moderated', 'en', { action: 'restored', note: undefined }));
    expect(restored.subject).toBe('Your comment was restored: Zagospodarowanie parku nad Wartą');
    expect(restored.text).not.toMatch(/Reason|note/);
  });

  describe('digest', () => {
    const items = [
      { kind: 'consultation.opened' as const, facts: SAMPLE_FACTS['consultation.opened'], occurredAt: '2026-12-01T07:00:00Z' },
      { kind: 'project.status_changed' as const, facts: SAMPLE_FACTS['project.status_changed'], occurredAt: '2026-12-01T11:15:00Z' },
      { kind: 'results.published' as const, facts: { ...SAMPLE_FACTS['results.published'], editionName: 'BO <2027>' }, occurredAt: '2026-12-01T16:45:00Z' },
    ];

    it('lists every item in order, with its subject and link', () => {
      const mail = renderer.renderDigest({ locale: 'pl', links: LINKS, day: '2026-12-01', items });
      expect(mail.subject).toBe('Podsumowanie powiadomień Civitas z 1 grudnia 2026');
      const subjects = [
        'Rozpoczęły się konsultacje: Zagospodarowanie parku nad Wartą',
        'Projekt „Ławki na Starym Rynku”: odrzucony',
        'Wyniki głosowania: BO <2027>',
      ];
      const lines = ['1 grudnia 2026, 08:00', '1 grudnia 2026, 12:15', '1 grudnia 2026, 17:45'];
      const paths = ['/consultations/c-101', '/projects/p-42', '/budget/e-2027/results'];
      const textAt = subjects.map((s, i) => mail.text.indexOf(`${s}\n${lines[i]} · ${PUBLIC_URL}${paths[i]}`));
      expect(textAt.every((at) => at > 0)).toBe(true);
      expect([...textAt].sort((a, b) => a - b)).toEqual(textAt);
      const htmlAt = paths.map((p) => mail.html.indexOf(`href="${PUBLIC_URL}${p}"`));
      expect(htmlAt.every((at) => at > 0)).toBe(true);
      expect([...htmlAt].sort((a, b) => a - b)).toEqual(htmlAt);
      expect(mail.html.match(/<h2[^>]*>/g)).toHaveLength(3);
      expect(mail.html).toContain('Wyniki głosowania: BO &lt;2027&gt;</h2>');
      expect(mail.text).toContain('Otrzymujesz to podsumowanie');
      expect(mail.text).toContain(LINKS.unsubscribeUrl);
      expect(mail.html).toContain(`href="${attr(LINKS.manageUrl)}"`);
    });

    it('is written in English too', () => {
      const mail = renderer.renderDigest({ locale: 'en', links: LINKS, day: '2026-12-01', items });
      expect(mail.subject).toBe('Your Civitas notifications for 1 December 2026');
      expect(mail.text).toContain('Project “Ławki na Starym Rynku”: rejected\n1 December 2026, 12:15 · https://civitas.poznan.example/projects/p-42');
      expect(mail.html).toContain('<html lang="en">');
    });
  });

  describe('subscription mails', () => {
    const confirmUrl = `${PUBLIC_URL}/notifications/confirm?token=conf_9xY`;

    it.each(['pl', 'en'] as const)('asks to confirm (%s) with no unsubscribe footer', (locale) => {
      const mail = renderer.renderSubscription({
        kind: 'confirm',
        locale,
        publicUrl: PUBLIC_URL,
        confirmUrl,
        topicLabels: ['Wyniki budżetu obywatelskiego'],
      });
      expect(mail.subject).toBe(locale === 'pl' ? 'Potwierdź subskrypcję powiadomień Civitas' : 'Confirm your Civitas notifications');
      expect(mail.text).toContain(confirmUrl);
      expect(mail.html).toContain(`href="${confirmUrl}"`);
      expect(mail.text).toContain('Wyniki budżetu obywatelskiego');
      expect(mail.text).toContain(locale === 'pl' ? 'zignoruj tę wiadomość' : 'ignore this message');
      for (const part of [mail.text, mail.html]) {
        expect(part).not.toMatch(/unsubscribe|manage|Wypisz|Unsubscribe/);
      }
      expect(mail.html).toContain(`<html lang="${locale}">`);
    });

    it.each(['pl', 'en'] as const)('tells an existing subscriber how to manage it (%s)', (locale) => {
      const mail = renderer.renderSubscription({
        kind: 'already_subscribed',
        locale,
        publicUrl: PUBLIC_URL,
        manageUrl: LINKS.manageUrl,
        unsubscribeUrl: LINKS.unsubscribeUrl,
        topicLabels: ['Jeżyce'],
      });
      expect(mail.subject).toBe(locale === 'pl' ? 'Ten adres już otrzymuje powiadomienia Civitas' : 'This address already receives Civitas notifications');
      for (const url of [LINKS.manageUrl, LINKS.unsubscribeUrl]) {
        expect(mail.text).toContain(url);
        expect(mail.html).toContain(`href="${attr(url)}"`);
      }
    });
  });

  describe('templates', () => {
    function rendererWith(files: Record<string, string>): MailRenderer {
      const dir = mkdtempSync(join(tmpdir(), 'civitas-mail-'));
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(join(dir, name, '..'), { recursive: true });
        writeFileSync(join(dir, name), content);
      }
      return new MailRenderer(dir);
    }

    it('throws on a missing variable', () => {
      const renderer = rendererWith({
        'pl/consultation.closed.hbs': '=== subject ===\n{{titel}}\n=== text ===\nx\n=== html ===\nx',
      });
      expect(() => renderer.renderEvent(event('consultation.closed', 'pl'))).toThrow(/titel/);
    });

    it('compiles and reads each template once', () => {
      const dir = mkdtempSync(join(tmpdir(), 'civitas-mail-'));
      const file = join(dir, 'pl', 'consultation.closed.hbs');
      mkdirSync(join(dir, 'pl'));
      writeFileSync(file, '=== subject ===\nA {{title}}\n=== text ===\nt\n=== html ===\n<p>h</p>');
      writeFileSync(join(dir, 'pl', 'footer.hbs'), '=== text ===\nf\n=== html ===\n<p>f</p>');
      writeFileSync(join(dir, 'layout.html.hbs'), '{{{body}}}{{{footer}}}');
      const renderer = new MailRenderer(dir);
      const first: RenderedMail = renderer.renderEvent(event('consultation.closed', 'pl'));
      writeFileSync(file, '=== subject ===\nB\n=== text ===\nt\n=== html ===\n<p>h</p>');
      expect(renderer.renderEvent(event('consultation.closed', 'pl'))).toEqual(first);
      expect(first).toEqual({ subject: 'A Zagospodarowanie parku nad Wartą', text: 't\n\nf', html: '<p>h</p><p>f</p>' });
    });

    it('refuses a link that is not a web address', () => {
      const mail = () => renderer.renderEvent({ ...event('consultation.closed', 'en'), links: { ...LINKS, manageUrl: 'javascript:alert(1)' } });
      expect(mail).toThrow(/Not a web link/);
    });
  });
});
