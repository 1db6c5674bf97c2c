import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Local initiatives (DESIGN §4.5, arts. 19b–19h u.d.p.p.): the yearly programme (allocation, minimum number of
 * applicants, intake windows, the council's evaluation criteria), applications with the listed residents, their
 * contributions and the city's requested share, attachments, independent scores of several evaluators, the
 * decision, the agreement and the final report. Every official act also goes to the audit log.
 */
export class Initiatives1795900000000 implements MigrationInterface {
  name = 'Initiatives1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE initiative_programmes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        year integer NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
        -- continuous: all year until the allocation is used; windows: only within the listed periods
        intake text NOT NULL DEFAULT 'continuous' CHECK (intake IN ('continuous', 'windows')),
        -- [{ "opensOn": "YYYY-MM-DD", "closesOn": "YYYY-MM-DD" }]
        windows jsonb NOT NULL DEFAULT '[]'::jsonb,
        allocation bigint NOT NULL CHECK (allocation > 0),
        min_applicants integer NOT NULL DEFAULT 3 CHECK (min_applicants >= 1),
        -- [{ "key", "namePl", "nameEn", "weight", "maxPoints", "volunteerWork" }]: the council's resolution
        criteria jsonb NOT NULL,
        correction_days integer NOT NULL DEFAULT 7 CHECK (correction_days BETWEEN 1 AND 90),
        -- hourly valuation of volunteer work in grosze (the council's resolution); applications use it
        volunteer_hour_value bigint NOT NULL CHECK (volunteer_hour_value > 0),
        case_counter integer NOT NULL DEFAULT 0,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE initiatives (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL REFERENCES initiative_programmes(id) ON DELETE RESTRICT,
        -- IL/<year>/<0042>, given at registration
        case_number text UNIQUE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'registered', 'formal_check', 'correction_requested',
          'unconsidered', 'evaluation', 'approved', 'rejected', 'agreement_drafted', 'agreement_signed', 'in_progress', 'completed', 'terminated')),
        applicant_type text NOT NULL CHECK (applicant_type IN ('residents', 'ngo')),
        ngo_name text,
        ngo_krs text CHECK (ngo_krs ~ '^[0-9]{10}$'),
        contact_name text NOT NULL,
        contact_email text NOT NULL,
        contact_phone text,
        -- the contact person agreed to be named in the public register
        contact_public boolean NOT NULL DEFAULT false,
        task_area text NOT NULL,
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        description text NOT NULL DEFAULT '',
        location text NOT NULL DEFAULT '',
        area_id uuid REFERENCES areas(id),
        land_owner text NOT NULL DEFAULT 'city' CHECK (land_owner IN ('city', 'other', 'none')),
        -- [{ "from": "YYYY-MM-DD", "to": "YYYY-MM-DD", "activity": "…" }]
        schedule jsonb NOT NULL DEFAULT '[]'::jsonb,
        total_cost bigint NOT NULL DEFAULT 0 CHECK (total_cost >= 0),
        volunteer_people integer NOT NULL DEFAULT 0 CHECK (volunteer_people >= 0),
        volunteer_hours integer NOT NULL DEFAULT 0 CHECK (volunteer_hours >= 0),
        -- [{ "item": "…", "value": grosze }]
        in_kind jsonb NOT NULL DEFAULT '[]'::jsonb,
        cash bigint NOT NULL DEFAULT 0 CHECK (cash >= 0),
        -- [{ "kind": "services" | "materials" | "equipment", "description": "…", "value": grosze }]
        city_share jsonb NOT NULL DEFAULT '[]'::jsonb,
        city_share_total bigint NOT NULL DEFAULT 0 CHECK (city_share_total >= 0),
        beneficiaries text NOT NULL DEFAULT '',
        beneficiaries_count integer NOT NULL DEFAULT 0 CHECK (beneficiaries_count >= 0),
        correction_deadline timestamptz,
        correction_note text,
        -- the decision: purposefulness for the community and the justification
        purposefulness text,
        decision_reason text,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        score numeric(8, 3),
        agreement_number text,
        agreement_term_from date,
        agreement_term_to date,
        signed_at timestamptz,
        -- { "volunteerHours", "inKind", "cash", "cityShare", "summary" } as carried out
        final_report jsonb,
        terminated_reason text,
        created_by uuid NOT NULL REFERENCES users(id),
        submitted_at timestamptz,
        registered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX initiatives_programme_idx ON initiatives (programme_id, status)`);
    await q.query(`
      CREATE TABLE initiative_applicants (
        initiative_id uuid NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        first_name text NOT NULL,
        last_name text NOT NULL,
        address text NOT NULL,
        PRIMARY KEY (initiative_id, position)
      )`);
    await q.query(`
      CREATE TABLE initiative_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        initiative_id uuid NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('authorisation', 'owner_consent', 'support_list', 'other')),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size integer NOT NULL CHECK (size > 0),
        content bytea NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One evaluator's scores, criterion by criterion; they are submitted together and cannot change afterwards.
    await q.query(`
      CREATE TABLE initiative_evaluations (
        initiative_id uuid NOT NULL REFERENCES initiatives(id) ON DELETE CASCADE,
        evaluator_id uuid NOT NULL REFERENCES users(id),
        -- { "<criterion key>": points }
        scores jsonb NOT NULL,
        remarks text NOT NULL DEFAULT '',
        submitted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (initiative_id, evaluator_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['initiative_evaluations', 'initiative_attachments', 'initiative_applicants', 'initiatives', 'initiative_programmes'])
      await q.query(`DROP TABLE ${t}`);
  }
}
