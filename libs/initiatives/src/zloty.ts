/** Grosze as złoty in the language's style: `15 000,00 zł` / `15,000.00 zł`. */
export function zloty(grosze: number, locale: 'pl' | 'en'): string {
  const [whole, cents] = (Math.abs(grosze) / 100).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, locale === 'pl' ? '\u00a0' : ',');
  return `${grosze < 0 ? '-' : ''}${grouped}${locale === 'pl' ? ',' : '.'}${cents} zł`;
}
