// The voting booth's enhancements, each optional (the booth works without JavaScript: the server computes the same
// figures on "Sprawdź mój wybór / Check my choices"):
// - an approval ballot's meter ("Wybrano 3 projekty za 1 240 000 zł z 2 000 000 zł") recomputed as boxes are ticked;
// - a cumulative ballot's points left, as points are typed;
// - the receipt's copy button (shown only here: it needs the clipboard).

/** As the server formats money: whole złoty without decimals, else two (libs/web formatMoney). */
function money(grosze, lang) {
  const whole = grosze % 100 === 0;
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'pl-PL', {
    style: 'currency',
    currency: 'PLN',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  }).format(grosze / 100);
}

/** A plural form as the server picks it (libs/web plural): forms for pl {one, few, many}, for en {one, other}. */
function plural(lang, n, forms) {
  const category = new Intl.PluralRules(lang === 'en' ? 'en-GB' : 'pl-PL').select(n);
  const pattern = forms[category] ?? forms.other ?? forms.many ?? '';
  return pattern.replace(/\{n\}/g, new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'pl-PL').format(n));
}

const lang = document.documentElement.lang;
const meter = document.querySelector('[data-civitas-meter]');
const form = document.getElementById('ballot-form');
if (meter && form) {
  const forms = JSON.parse(meter.dataset.forms ?? '{}');
  const cap = meter.dataset.cap ? Number(meter.dataset.cap) : null;
  const update = () => {
    const ticked = [...form.querySelectorAll('input[name="projectIds"]:checked')];
    const sum = ticked.reduce((s, box) => s + Number(box.dataset.cost ?? 0), 0);
    let text = plural(lang, ticked.length, forms);
    if (cap !== null) text = text.replace('{sum}', money(sum, lang)).replace('{cap}', meter.dataset.capText ?? money(cap, lang));
    meter.textContent = text;
    meter.classList.toggle('civitas-meter--over', cap !== null && sum > cap);
  };
  form.addEventListener('change', update);
}

const points = document.querySelector('[data-civitas-points-total]');
if (points && form) {
  const forms = JSON.parse(points.dataset.forms ?? '{}');
  const total = Number(points.dataset.civitasPointsTotal);
  const update = () => {
    const given = [...form.querySelectorAll('input[data-civitas-points]')].reduce((s, input) => {
      const v = input.value.trim();
      return s + (/^\d{1,4}$/.test(v) ? Number(v) : 0);
    }, 0);
    points.textContent = plural(lang, total - given, forms);
  };
  form.addEventListener('input', update);
}

const copy = document.querySelector('[data-civitas-copy]');
if (copy && navigator.clipboard) {
  const source = document.getElementById(copy.dataset.civitasCopy);
  const status = document.getElementById('copy-status');
  const row = copy.closest('[data-civitas-copy-row]');
  if (row) row.hidden = false;
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(source?.textContent?.trim() ?? '');
      if (status) status.textContent = copy.dataset.copied ?? '';
    } catch {
      // Not allowed (an insecure context, a denied permission): the reference stays on the page to copy by hand.
    }
  });
}
