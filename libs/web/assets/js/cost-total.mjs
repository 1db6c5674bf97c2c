// The live total of a project's cost form (the budget's "Kosztorys" page): as amounts are typed, the total below
// them is recomputed. A progressive enhancement only — without it, the form's "Przelicz / Recalculate" button asks
// the server for the same total. Amounts are read as the server reads them: złoty with at most two decimals,
// spaces or unambiguous thousands separators ("1 500", "1500,50", "1.500,50", "1,500.50"; never "1,500" alone); what cannot be read counts
// as nothing (the server explains it on save).

const total = document.querySelector('[data-cost-total]');
const form = total?.closest('form');

/** Integer grosze of a typed amount, or null. */
function grosze(raw) {
  const s = raw
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/(zł|zl|pln)$/i, '')
    .replace(/^pln/i, '');
  let m = /^(\d{1,3}(?:,\d{3}){2,})(?:\.(\d{1,2}))?$/.exec(s) ?? /^(\d{1,3}(?:,\d{3})+)\.(\d{1,2})$/.exec(s);
  let whole;
  let frac;
  if (m) [whole, frac] = [m[1].replace(/,/g, ''), m[2]];
  else if ((m = /^(\d{1,3}(?:\.\d{3}){2,})(?:,(\d{1,2}))?$/.exec(s) ?? /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(s))) {
    [whole, frac] = [m[1].replace(/\./g, ''), m[2]];
  } else if ((m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s))) [whole, frac] = [m[1], m[2]];
  else return null;
  return BigInt(whole) * 100n + BigInt((frac ?? '').padEnd(2, '0'));
}

/** As the server formats money: whole złoty without decimals ("1 240 000 zł", "PLN 1,240,000"), else two. */
function money(g, lang) {
  const locale = lang === 'en' ? 'en-GB' : 'pl-PL';
  const whole = g % 100n === 0n;
  const opts = { style: 'currency', currency: 'PLN', minimumFractionDigits: whole ? 0 : 2, maximumFractionDigits: whole ? 0 : 2 };
  const value = whole ? (g / 100n).toString() : `${g / 100n}.${(g % 100n).toString().padStart(2, '0')}`;
  return new Intl.NumberFormat(locale, opts).format(value);
}

if (total && form) {
  const lang = document.documentElement.lang;
  let timer;
  const update = () => {
    let sum = 0n;
    for (const input of form.querySelectorAll('input[data-cost-amount]')) {
      const g = grosze(input.value);
      if (g !== null) sum += g;
    }
    total.textContent = money(sum, lang);
  };
  // The total sits in a polite live region: it is updated once typing pauses, so it is announced once.
  form.addEventListener('input', (e) => {
    if (!(e.target instanceof HTMLInputElement) || !e.target.matches('[data-cost-amount]')) return;
    clearTimeout(timer);
    timer = setTimeout(update, 400);
  });
}
