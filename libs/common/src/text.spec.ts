import { csv, csvCell, plainText, renderMarkdown } from './text';

describe('texts from users', () => {
  it('renders Markdown without raw HTML, event handlers or script links', () => {
    const html = renderMarkdown(
      '# Tytuł\n\n<script>alert(1)</script> <img src=x onerror="alert(2)">\n\n[klik](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) [ok](https://gdansk.pl/a?b=1) [mail](mailto:a@b.pl)\n\n**pogrubione**',
    );
    expect(html).toContain('<h1>Tytuł</h1>');
    expect(html).toContain('<strong>pogrubione</strong>');
    expect(html).not.toMatch(/<script|<img|<[^>]+\son[a-z]+=|href="javascript:|href="data:/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://gdansk.pl/a?b=1">ok</a>');
    expect(html).toContain('<a href="mailto:a@b.pl">mail</a>');
  });

  it('keeps relative links but refuses protocol-relative ones, which lead to another site', () => {
    const html = renderMarkdown('[a](/budget) [b](./regulamin) [c](#zasady) [d](//evil.example/x) [e](/\\evil.example) [f]( //evil.example)');
    expect(html).toContain('<a href="/budget">a</a>');
    expect(html).toContain('<a href="./regulamin">b</a>');
    expect(html).toContain('<a href="#zasady">c</a>');
    expect(html).not.toMatch(/href="\/\/|href="\/\\|href=" /);
    expect(html).toContain('[d](//evil.example/x)');
    // A backslash is percent-encoded by the parser: a path on this site, not another host.
    expect(html).toContain('<a href="/%5Cevil.example">e</a>');
  });

  it('keeps plain text as text: tags out, comparisons in, nested tricks undone', () => {
    expect(plainText('  Park <b>nad</b> rzeką <script>alert(1)</script> ')).toBe('Park nad rzeką alert(1)');
    expect(plainText('<scr<script>ipt>alert(1)</scr</script>ipt>')).toBe('alert(1)');
    expect(plainText('<img src=x onerror=alert(1)>Ławka')).toBe('Ławka');
    expect(plainText('koszt < 100 zł, a > b')).toBe('koszt < 100 zł, a > b');
    expect(plainText('a\u0000b\u0007c\nd')).toBe('abc\nd');
  });

  it('writes CSV cells that spreadsheets never calculate', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+48 123')).toBe("'+48 123");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell('zwykły tekst')).toBe('zwykły tekst');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell(null)).toBe('');
    expect(csv(['a', 'b'], [['x', 1]])).toBe('\ufeffa,b\r\nx,1\r\n');
  });
});
