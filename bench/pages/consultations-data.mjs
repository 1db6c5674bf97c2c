// The data of `run.mjs --consultations`: after `seed-demo`, one consultation whose report is published, with a
// document of 20 sections in two versions (three sections reworded in the second), 500 comments spread over the
// sections (25 each; every tenth made on version 1, every fiftieth hidden as off topic, one in five with a proposed
// wording), a response to every comment that is not hidden, and conclusions. Written by SQL straight into the
// consultation tables (well under a second) instead of through the services.
const SECTIONS = 20;
const PER_SECTION = 25;

/** exec(sql) runs statements; rows(sql) returns rows. Returns the paths to measure and a summary line. */
export async function fillConsultation(exec, rows) {
  const [{ id: userId }] = await rows(`SELECT id FROM users ORDER BY created_at LIMIT 1`);
  const [{ id }] = await rows(`
    INSERT INTO consultations (title, summary, body, topic, organiser_unit, contact, status, opens_at, closes_at, announced_at, conclusions,
                               report_published_at, created_by)
    VALUES ('Program ochrony zieleni 2027–2030 (pomiar)', 'Projekt programu ochrony zieleni miejskiej.',
            '## Cel\n\nProgram porządkuje **ochronę drzew** i nowe nasadzenia.', 'Zieleń', 'Wydział Środowiska', 'srodowisko@example.org',
            'report_published', now() - interval '40 days', now() - interval '10 days', now() - interval '50 days',
            '## Wnioski\n\nUwzględniono większość uwag dotyczących nasadzeń.', now() - interval '1 day', '${userId}')
    RETURNING id`);
  await exec(`
    INSERT INTO consultation_document_versions (consultation_id, version, note, created_by, created_at)
    VALUES ('${id}', 1, 'Projekt', '${userId}', now() - interval '45 days'), ('${id}', 2, 'Po spotkaniach z mieszkańcami', '${userId}', now() - interval '25 days');
    INSERT INTO consultation_sections (consultation_id, key) SELECT '${id}', '§ ' || n FROM generate_series(1, ${SECTIONS}) n;
    INSERT INTO consultation_section_texts (section_id, consultation_id, version, position, heading, body)
      SELECT s.id, '${id}', v, substr(s.key, 3)::int, 'Rozdział ' || substr(s.key, 3),
             repeat('Tekst rozdziału ' || substr(s.key, 3) || ' o drzewach, parkach i skwerach. ', 12) ||
             CASE WHEN v = 2 AND substr(s.key, 3)::int IN (3, 8, 15) THEN ' Zmienione po uwagach.' ELSE '' END
        FROM consultation_sections s CROSS JOIN generate_series(1, 2) v WHERE s.consultation_id = '${id}';
    INSERT INTO consultation_comments (consultation_id, section_id, version, author_id, author_name, channel, body, proposed_wording, status, hidden_reason, created_at)
      SELECT '${id}', s.id, CASE WHEN i % 10 = 0 THEN 1 ELSE 2 END, '${userId}', 'Mieszkaniec ' || (n * 100 + i),
             'online', 'Uwaga ' || i || ' do rozdziału ' || n || ': ' || repeat('proszę o więcej drzew i ławek w cieniu. ', 4),
             CASE WHEN i % 5 = 0 THEN 'Proponowane brzmienie uwagi ' || i ELSE NULL END,
             CASE WHEN (n * ${PER_SECTION} + i) % 50 = 0 THEN 'hidden' ELSE 'visible' END,
             CASE WHEN (n * ${PER_SECTION} + i) % 50 = 0 THEN 'off_topic' ELSE NULL END,
             now() - interval '20 days' + make_interval(mins => n * ${PER_SECTION} + i)
        FROM consultation_sections s, LATERAL (SELECT substr(s.key, 3)::int AS n) k, generate_series(1, ${PER_SECTION}) i
       WHERE s.consultation_id = '${id}';
    INSERT INTO consultation_comment_responses (comment_id, verdict, justification, responded_by)
      SELECT k.id, (ARRAY['accepted', 'partially_accepted', 'rejected', 'not_applicable'])[1 + (row_number() OVER (ORDER BY k.created_at))::int % 4],
             'Uzasadnienie odpowiedzi miasta na tę uwagę.', '${userId}'
        FROM consultation_comments k WHERE k.consultation_id = '${id}' AND k.status <> 'hidden';
  `);
  const [{ n }] = await rows(`SELECT count(*)::int AS n FROM consultation_comments WHERE consultation_id = '${id}'`);
  const comments = (html) => (html.match(/class="civitas-comment"/g) ?? []).length;
  return {
    summary: `consultation ${id}: ${SECTIONS} sections in 2 versions, ${n} comments`,
    paths: [
      {
        label: 'consult doc',
        path: `/consultations/${id}/document`,
        check: (html) => (comments(html) === SECTIONS * 5 ? null : `${comments(html)} comments shown, expected ${SECTIONS * 5}`),
      },
      {
        label: 'consult report',
        path: `/consultations/${id}/report`,
        check: (html) => (html.includes('Uwaga 25 do rozdziału 20') ? null : 'the report lacks the last comment'),
      },
    ],
  };
}
