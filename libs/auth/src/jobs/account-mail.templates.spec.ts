import { renderAccountMail } from './account-mail.templates';

const publicUrl = 'https://civitas.example.pl';

describe('account mails', () => {
  it('render the verification link in Polish and in English, as text and HTML', () => {
    const link = `${publicUrl}/verify-email?token=abc_DEF-123`;
    const pl = renderAccountMail('verify_email', 'pl', { displayName: 'Anna', link, publicUrl });
    expect(pl.subject).toBe('Potwierdź adres e-mail w Civitas');
    expect(pl.text).toContain('Dzień dobry, Anna!');
    expect(pl.text).toContain(link);
    expect(pl.text).toContain('48 godzin');
    expect(pl.html).toContain(`<a href="${link}">`);
    expect(pl.html).toContain('lang="pl"');
    const en = renderAccountMail('verify_email', 'en', { displayName: 'Anna', link, publicUrl });
    expect(en.subject).toBe('Confirm your e-mail address for Civitas');
    expect(en.text).toContain('48 hours');
    expect(en.html).toContain('lang="en"');
  });

  it('say a reset link lasts one hour', () => {
    const m = renderAccountMail('reset_password', 'pl', { displayName: 'Jan', link: `${publicUrl}/reset-password?token=x`, publicUrl });
    expect(m.text).toContain('godzinę');
    expect(m.text).toContain('reset-password?token=x');
  });

  it('tell the owner of an existing account how to log in or reset, without any token', () => {
    const m = renderAccountMail('account_exists', 'en', { displayName: 'Jan', publicUrl });
    expect(m.text).toContain(`${publicUrl}/sign-in`);
    expect(m.text).toContain(`${publicUrl}/forgot-password`);
    expect(m.text).not.toContain('token=');
  });

  it('escape the display name in HTML', () => {
    const m = renderAccountMail('verify_email', 'en', { displayName: '<script>alert(1)</script> & "co"', link: 'https://x/y?a=1&b=2', publicUrl });
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('&lt;script&gt;');
    expect(m.html).toContain('&amp; &quot;co&quot;');
    expect(m.html).toContain('href="https://x/y?a=1&amp;b=2"');
  });
});
