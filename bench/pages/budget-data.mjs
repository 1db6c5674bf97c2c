// The data of `run.mjs --budget`: after `seed-demo`, one more published edition (in submission) with 1,000 submitted
// projects (varied titles, categories, areas, pools and costs, one in three with coordinates, two cost items and an
// author each) and one project with a long history (47 entries: a support list, cost corrections, twelve rounds of
// "formal review asks for corrections → corrected → resubmitted", each review with its verdict per criterion).
// Written by SQL straight into the budget tables (a few seconds instead of minutes through the services); the
// history rows go through the table's own trigger, which chains their hashes as for the services' inserts.
import { randomUUID } from 'node:crypto';

const TITLES = [
  'Park kieszonkowy',
  'Nowe ławki',
  'Plac zabaw',
  'Siłownia plenerowa',
  'Ścieżka rowerowa',
  'Łąka kwietna',
  'Oświetlenie',
  'Park linowy',
  'Biblioteka sąsiedzka',
  'Stojaki rowerowe',
  'Warsztaty dla seniorów',
  'Skatepark',
  'Drzewa wzdłuż ulicy',
  'Boisko wielofunkcyjne',
  'Zajęcia z robotyki',
  'Remont chodnika',
  'Park dla psów',
  'Poidełka',
  'Kino plenerowe',
  'Ogród społeczny',
];
const PLACES = [
  'przy ulicy Lipowej',
  'na Rynku',
  'nad rzeką',
  'przy szkole nr 5',
  'na osiedlu Słonecznym',
  'przy przychodni',
  'w parku Miejskim',
  'przy dworcu',
  'na placu Wolności',
  'przy ulicy Polnej',
  'koło stadionu',
  'przy bibliotece',
  'na Starym Mieście',
  'przy ulicy Leśnej',
  'w Dąbrowie',
];
const lit = (s) => `'${String(s).replaceAll("'", "''")}'`;
const arr = (xs) => `ARRAY[${xs.map(lit).join(', ')}]`;

/** The long history, oldest first: [action, from, to, reason, kind (details), j]. */
function longHistory() {
  const h = [
    ['created', null, 'draft', null, 'none', 0],
    ['submitted', 'draft', 'submitted', null, 'none', 0],
    ['support_list_counted', 'submitted', 'submitted', null, 'list', 0],
  ];
  const cost = (j, status) => {
    h.push(['cost_correction_proposed', status, status, `Korekta kosztu nr ${j}: ceny z aktualnego cennika robót.`, 'cost', j]);
    h.push(['cost_corrected', status, status, `Autorzy przyjęli korektę nr ${j}.`, 'cost', j]);
  };
  cost(1, 'submitted');
  cost(2, 'submitted');
  for (let r = 1; r <= 12; r++) {
    h.push([
      'formal_review',
      r === 1 ? 'submitted' : 'formal_review',
      'correction_requested',
      `Runda ${r}: prosimy uzupełnić opis lokalizacji i kosztorys (brakuje pozycji za projekt techniczny).`,
      'criteria',
      r,
    ]);
    h.push(['corrected', 'correction_requested', 'correction_requested', null, 'none', 0]);
    h.push(['resubmitted', 'correction_requested', 'formal_review', null, 'none', 0]);
  }
  cost(3, 'formal_review');
  cost(4, 'formal_review');
  return h;
}

/** The SQL that fills the edition (one script, several statements, no parameters: pg and PGlite run it alike). */
function script(E, H) {
  const hist = longHistory();
  const values = hist
    .map(
      ([action, from, to, reason, kind, j], k) =>
        `(${k + 1}, ${lit(action)}, ${from ? lit(from) : 'NULL'}, ${to ? lit(to) : 'NULL'}, ${reason ? lit(reason) : 'NULL'}, ${lit(kind)}, ${j})`,
    )
    .join(',\n      ');
  const demo = `(SELECT id FROM budget_editions WHERE id <> '${E}' ORDER BY created_at LIMIT 1)`;
  const a = `(10000 + (i * 7919) % 490000) * 100`;
  const b = `(1000 + (i * 104729) % 50000) * 100`;
  return `
    INSERT INTO budget_editions (id, name, year, status, rules, ballot_order, current_phase, project_counter)
      SELECT '${E}', 'Budżet benchmarku ' || substr('${E}', 1, 8), year, 'published', rules, ballot_order, 'submission', 1000
        FROM budget_editions WHERE id = ${demo};
    INSERT INTO budget_phases (edition_id, phase, starts_at, ends_at)
      SELECT '${E}', ph, now() - interval '10 days' + (n - 1) * interval '30 days', now() + interval '20 days' + (n - 1) * interval '30 days'
        FROM unnest(ARRAY['submission', 'formal_review', 'merit_review', 'appeals', 'ballot_list', 'voting', 'vote_verification', 'results',
                          'implementation']) WITH ORDINALITY AS t(ph, n);
    INSERT INTO budget_categories (edition_id, name_pl, name_en) SELECT '${E}', name_pl, name_en FROM budget_categories WHERE edition_id = ${demo};
    INSERT INTO budget_pools (edition_id, name, area_id, amount, min_cost, max_cost, min_cost_bp, max_cost_bp, signatures_required)
      SELECT '${E}', name, area_id, amount, min_cost, max_cost, min_cost_bp, max_cost_bp, signatures_required FROM budget_pools WHERE edition_id = ${demo};
    INSERT INTO budget_projects (id, edition_id, pool_id, category_id, area_id, number, status, title, summary, description, justification,
                                 beneficiaries, address, latitude, longitude, total_cost, endorsements, submitted_at, created_by,
                                 created_at, updated_at)
      SELECT CASE WHEN i = 1 THEN '${H}'::uuid ELSE gen_random_uuid() END, '${E}',
             pl.a[1 + i % cardinality(pl.a)], ct.a[1 + (i * 7) % cardinality(ct.a)],
             CASE WHEN i % 9 = 0 THEN NULL ELSE ar.a[1 + (i * 13) % cardinality(ar.a)] END,
             i, CASE WHEN i = 1 THEN 'formal_review' ELSE 'submitted' END,
             (${arr(TITLES)})[1 + i % ${TITLES.length}] || ' ' || (${arr(PLACES)})[1 + (i / ${TITLES.length}) % ${PLACES.length}] || ' (' || i || ')',
             'Projekt nr ' || i || ': ' || (${arr(TITLES)})[1 + (i * 3) % ${TITLES.length}] || ' dla mieszkańców, otwarte dla wszystkich.',
             repeat('Opis projektu z kilkoma zdaniami o tym, co powstanie i jak będzie służyć mieszkańcom. ', 1 + i % 12),
             'Brakuje takiego miejsca w okolicy.', 'Mieszkańcy okolicy, dzieci i seniorzy.',
             CASE WHEN i % 3 = 0 THEN 'ul. Przykładowa ' || i ELSE '' END,
             CASE WHEN i % 3 = 0 THEN 52.20 + ((i * 37) % 200) / 2000.0 END, CASE WHEN i % 3 = 0 THEN 21.00 + ((i * 53) % 300) / 2000.0 END,
             ${a} + ${b}, (i * 31) % 120, now() - interval '9 days' + i * interval '10 minutes', us.a[1 + i % cardinality(us.a)],
             now() - interval '10 days', now() - interval '9 days' + i * interval '10 minutes'
        FROM generate_series(1, 1000) AS i,
             (SELECT array_agg(id ORDER BY name) AS a FROM budget_pools WHERE edition_id = '${E}') pl,
             (SELECT array_agg(id ORDER BY name_pl) AS a FROM budget_categories WHERE edition_id = '${E}') ct,
             (SELECT array_agg(id ORDER BY name) AS a FROM areas) ar,
             (SELECT array_agg(id ORDER BY created_at, id) AS a FROM users) us;
    INSERT INTO budget_project_authors (project_id, user_id, role) SELECT id, created_by, 'main' FROM budget_projects WHERE edition_id = '${E}';
    INSERT INTO budget_cost_items (project_id, position, description, amount)
      SELECT id, 1, 'Roboty i materiały', (10000 + (number * 7919) % 490000) * 100 FROM budget_projects WHERE edition_id = '${E}'
      UNION ALL
      SELECT id, 2, 'Projekt i nadzór', (1000 + (number * 104729) % 50000) * 100 FROM budget_projects WHERE edition_id = '${E}';
    INSERT INTO budget_project_history (project_id, at, actor_id, action, from_status, to_status)
      SELECT id, created_at, created_by, 'created', NULL, 'draft' FROM budget_projects WHERE edition_id = '${E}' AND id <> '${H}' ORDER BY number;
    INSERT INTO budget_project_history (project_id, at, actor_id, action, from_status, to_status)
      SELECT id, submitted_at, created_by, 'submitted', 'draft', 'submitted' FROM budget_projects WHERE edition_id = '${E}' AND id <> '${H}' ORDER BY number;
    INSERT INTO budget_project_history (project_id, at, actor_id, action, from_status, to_status, reason, details)
      SELECT '${H}', now() - (60 - k) * interval '1 hour', CASE WHEN v.action IN ('created', 'submitted', 'corrected', 'resubmitted', 'cost_corrected')
                                                                 THEN p.created_by ELSE NULL END,
             v.action, v.f, v.t, v.reason,
             CASE v.kind
               WHEN 'list' THEN '{"signatures": 124}'::jsonb
               WHEN 'cost' THEN jsonb_build_object('total', p.total_cost + (4 - v.j) * 1000000, 'previousTotal', p.total_cost + (5 - v.j) * 1000000)
               WHEN 'criteria' THEN jsonb_build_object('stage', 'formal', 'criteria',
                 (SELECT jsonb_agg(jsonb_build_object('criterion', c, 'met', n <> 1 + v.j % 3,
                                                      'justification', CASE WHEN n = 1 + v.j % 3 THEN 'Nie spełnia: do uzupełnienia.' ELSE 'Spełnia.' END) ORDER BY n)
                    FROM jsonb_array_elements_text(e.rules -> 'criteria') WITH ORDINALITY AS cr(c, n)))
               ELSE '{}'::jsonb
             END
        FROM (VALUES
      ${values}) AS v(k, action, f, t, reason, kind, j),
             budget_projects p JOIN budget_editions e ON e.id = p.edition_id
       WHERE p.id = '${H}'
       ORDER BY v.k;
    UPDATE budget_projects SET correction_deadline = now() + interval '7 days' WHERE id = '${H}';
  `;
}

/**
 * Fills the budget edition through `exec` (runs a script) and `query` (one statement, rows back); returns the
 * addresses to measure: the projects list (unfiltered, filtered, sorted and paged) and the long-history project.
 */
export async function fillBudget(exec, query) {
  const E = randomUUID();
  const H = randomUUID();
  await exec(script(E, H));
  const [{ category, area, entries, total }] = await query(
    `SELECT (SELECT id FROM budget_categories WHERE edition_id = '${E}' ORDER BY name_pl LIMIT 1) AS category,
            (SELECT id FROM areas WHERE kind = 'district' ORDER BY name LIMIT 1) AS area,
            (SELECT count(*)::int FROM budget_project_history WHERE project_id = '${H}') AS entries,
            (SELECT count(*)::int FROM budget_projects WHERE edition_id = '${E}') AS total`,
  );
  const list = `/budget/${E}/projects`;
  return {
    summary: `${total} projects in edition ${E}; /projects/${H} has ${entries} history entries`,
    paths: [
      { label: 'list', path: `${list}?seed=1&sort=random` },
      { label: 'list cat+q', path: `${list}?seed=1&sort=random&category=${category}&q=park` },
      { label: 'list area', path: `${list}?seed=1&area=${area}` },
      { label: 'list cost p3', path: `${list}?sort=cost_desc&page=3` },
      { label: 'project hist', path: `/projects/${H}` },
    ],
  };
}
