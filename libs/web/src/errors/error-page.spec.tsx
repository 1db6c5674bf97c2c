import { toProblem } from '@civitas/common';
import { expectValidHtml } from '../testing/html';
import { fakePage, renderView } from '../testing/render';
import { ErrorPage } from './error-page';
import { csrfInvalid } from '../page/csrf.guard';
import { DomainError } from '@civitas/common';

describe('error pages', () => {
  it('500 says sorry, shows the request id to quote and a contact, and nothing of the error itself', async () => {
    const { problem } = toProblem(new Error('secret stack detail'), 'pl', 'req-42', '/x');
    const page = renderView(<ErrorPage problem={problem} />, fakePage({ requestId: 'req-42' }));
    expect(page.h1).toBe('Przepraszamy, wystąpił problem z serwisem');
    expect(page.text('main code')).toBe('req-42');
    expect(page.text()).toContain('kontakt@testowo.example');
    expect(page.html).not.toContain('secret stack detail');
    expect(page.title).toBe('Przepraszamy, wystąpił problem z serwisem — Miasto Testowe');
    await expectValidHtml(page.html);
  });

  it('403 for an anonymous visitor offers to sign in and come back; for a signed-in one it explains', () => {
    const { problem } = toProblem(new DomainError('forbidden', 'forbidden', { pl: 'Nie możesz tego zrobić.', en: 'You cannot do this.' }), 'en', 'r', '/a');
    const anon = renderView(<ErrorPage problem={problem} />, fakePage({ locale: 'en', path: '/desk?x=1' }));
    expect(anon.h1).toBe('You cannot see this page');
    expect(anon.doc.querySelector('main a.govuk-button')?.getAttribute('href')).toBe('/sign-in?next=%2Fdesk%3Fx%3D1');
    const signedIn = renderView(
      <ErrorPage problem={problem} />,
      fakePage({ locale: 'en', user: { id: 'u', displayName: 'Ala', email: 'a@x.pl', roles: ['resident'] } }),
    );
    expect(signedIn.text()).toContain('You cannot do this.');
    expect(signedIn.doc.querySelector('main a.govuk-button')).toBeNull();
  });

  it('a refused CSRF token says the form expired and nothing was saved', () => {
    const { problem } = toProblem(csrfInvalid(), 'pl', 'r', '/sign-in');
    const page = renderView(<ErrorPage problem={problem} />);
    expect(problem.status).toBe(403);
    expect(page.h1).toBe('Formularz wygasł');
    expect(page.text()).toContain('Nie zapisaliśmy niczego');
  });

  it('409 tells what conflicts and what to do; 429 how long to wait', () => {
    const conflict = toProblem(new DomainError('conflict', 'already_set_up', { pl: 'Platforma ma już administratora.', en: 'x' }), 'pl', 'r').problem;
    const page = renderView(<ErrorPage problem={conflict} />);
    expect(page.h1).toBe('Nie można tego zrobić');
    expect(page.text()).toContain('Platforma ma już administratora.');
    expect(page.text()).toContain('Nic nie zostało zmienione.');
    const many = toProblem(new DomainError('too_many_requests', 'too_many_requests', { pl: 'x', en: 'x' }), 'pl', 'r').problem;
    expect(renderView(<ErrorPage problem={many} retryAfter={42} />).text()).toContain('Spróbuj ponownie za 42 s.');
  });
});
