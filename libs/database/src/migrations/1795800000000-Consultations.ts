import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultations (DESIGN §4.2): organisations (NGO accounts), consultations with their areas and attachments, a
 * document in numbered sections kept in versions, comments (online or entered by an official) with reports,
 * moderation state and a response for the report, a survey with one response per participant, meetings and
 * consultation points with registrations. Moderation acts go to the audit log.
 */
export class Consultations1795800000000 implements MigrationInterface {
  name = 'Consultations1795800000000';

  async up(q: QueryRunner): Promise<void> {
    // An account acting for an organisation (NGO): name and KRS number, registered by an admin.
    await q.query(`
      CREATE TABLE organisations (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 300),
        krs text NOT NULL CHECK (krs ~ '^[0-9]{10}$'),
        registered_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX organisations_krs_key ON organisations (krs)`);

    await q.query(`
      CREATE TABLE consultations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        summary text NOT NULL DEFAULT '',
        -- Markdown as written; rendered and sanitised on the way out
        body text NOT NULL DEFAULT '',
        topic text NOT NULL DEFAULT '',
        organiser_unit text NOT NULL DEFAULT '',
        contact text NOT NULL DEFAULT '',
        audience text NOT NULL DEFAULT 'everyone' CHECK (audience IN ('everyone', 'ngo')),
        moderation text NOT NULL DEFAULT 'post' CHECK (moderation IN ('pre', 'post')),
        -- how an anonymous participant answers the survey: signed in only, or with an e-mail code
        survey_access text NOT NULL DEFAULT 'account' CHECK (survey_access IN ('account', 'email_code')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'announced', 'open', 'closed', 'report_published', 'cancelled')),
        min_notice_days integer NOT NULL DEFAULT 7 CHECK (min_notice_days BETWEEN 0 AND 365),
        opens_at timestamptz,
        closes_at timestamptz,
        announced_at timestamptz,
        cancelled_reason text,
        conclusions text NOT NULL DEFAULT '',
        report_published_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at)
      )`);
    await q.query(`CREATE INDEX consultations_status_idx ON consultations (status, opens_at)`);
    await q.query(`
      CREATE TABLE consultation_areas (
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        area_id uuid NOT NULL REFERENCES areas(id) ON DELETE RESTRICT,
        PRIMARY KEY (consultation_id, area_id)
      )`);
    await q.query(`CREATE INDEX consultation_areas_area_idx ON consultation_areas (area_id)`);
    await q.query(`
      CREATE TABLE consultation_attachments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
        media_type text NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg')),
        size integer NOT NULL CHECK (size > 0),
        content bytea NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The document: sections keep their identity across versions (comments point at the section, and record the
    // version they were made on); each version holds the text of every section it has.
    await q.query(`
      CREATE TABLE consultation_document_versions (
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version >= 1),
        note text NOT NULL DEFAULT '',
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consultation_id, version)
      )`);
    await q.query(`
      CREATE TABLE consultation_sections (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        -- a stable key chosen by the officials (e.g. "§ 3"), unique in the consultation
        key text NOT NULL CHECK (length(btrim(key)) BETWEEN 1 AND 50),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX consultation_sections_key ON consultation_sections (consultation_id, lower(key))`);
    await q.query(`
      CREATE TABLE consultation_section_texts (
        section_id uuid NOT NULL REFERENCES consultation_sections(id) ON DELETE CASCADE,
        consultation_id uuid NOT NULL,
        version integer NOT NULL,
        position integer NOT NULL CHECK (position >= 1),
        heading text NOT NULL DEFAULT '',
        body text NOT NULL DEFAULT '',
        PRIMARY KEY (section_id, version),
        FOREIGN KEY (consultation_id, version) REFERENCES consultation_document_versions(consultation_id, version) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE consultation_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        -- null: a comment on the consultation as a whole
        section_id uuid REFERENCES consultation_sections(id) ON DELETE RESTRICT,
        -- the document version shown when the comment was made
        version integer,
        author_id uuid REFERENCES users(id),
        -- the name shown with the comment (an account's display name, an organisation, or as entered by an official)
        author_name text NOT NULL CHECK (length(btrim(author_name)) BETWEEN 1 AND 300),
        -- where a participant without an account can be told about the report (entered comments)
        contact_email text,
        channel text NOT NULL DEFAULT 'online' CHECK (channel IN ('online', 'paper', 'email', 'meeting')),
        received_on date,
        entered_by uuid REFERENCES users(id),
        body text NOT NULL CHECK (length(btrim(body)) BETWEEN 1 AND 10000),
        proposed_wording text,
        -- pending: waits for a moderator (pre-moderation); visible; hidden (with the reason)
        status text NOT NULL CHECK (status IN ('pending', 'visible', 'hidden')),
        hidden_reason text CHECK (hidden_reason IN ('offensive', 'off_topic', 'personal_data', 'spam', 'other')),
        hidden_note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'hidden') = (hidden_reason IS NOT NULL)),
        CHECK (channel = 'online' OR (entered_by IS NOT NULL AND received_on IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX consultation_comments_idx ON consultation_comments (consultation_id, created_at)`);
    await q.query(`
      CREATE TABLE consultation_comment_reports (
        comment_id uuid NOT NULL REFERENCES consultation_comments(id) ON DELETE CASCADE,
        reporter_id uuid NOT NULL REFERENCES users(id),
        reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (comment_id, reporter_id)
      )`);
    await q.query(`
      CREATE TABLE consultation_comment_responses (
        comment_id uuid PRIMARY KEY REFERENCES consultation_comments(id) ON DELETE CASCADE,
        verdict text NOT NULL CHECK (verdict IN ('accepted', 'partially_accepted', 'rejected', 'not_applicable')),
        justification text NOT NULL CHECK (length(btrim(justification)) BETWEEN 1 AND 10000),
        responded_by uuid NOT NULL REFERENCES users(id),
        responded_at timestamptz NOT NULL DEFAULT now()
      )`);

    // The survey: questions in order; one response per participant (respondent key = HMAC of the account or the
    // confirmed e-mail address); answers per question.
    await q.query(`
      CREATE TABLE survey_questions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        position integer NOT NULL CHECK (position >= 1),
        kind text NOT NULL CHECK (kind IN ('single', 'multiple', 'scale', 'text')),
        prompt text NOT NULL CHECK (length(btrim(prompt)) BETWEEN 1 AND 1000),
        required boolean NOT NULL DEFAULT false,
        -- single/multiple: the options, in order
        options text[] NOT NULL DEFAULT '{}',
        scale_min integer,
        scale_max integer,
        CHECK (kind <> 'scale' OR (scale_min IS NOT NULL AND scale_max > scale_min))
      )`);
    await q.query(`CREATE UNIQUE INDEX survey_questions_position ON survey_questions (consultation_id, position)`);
    await q.query(`
      CREATE TABLE survey_responses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        respondent_key text NOT NULL,
        user_id uuid REFERENCES users(id),
        email text,
        status text NOT NULL CHECK (status IN ('pending', 'confirmed')),
        code_hash text,
        code_attempts integer NOT NULL DEFAULT 0,
        code_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        confirmed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX survey_responses_one ON survey_responses (consultation_id, respondent_key)`);
    await q.query(`
      CREATE TABLE survey_answers (
        response_id uuid NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
        question_id uuid NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
        -- single/multiple: indexes into the question's options; scale: the value; text: the words
        choices integer[],
        value integer,
        text text,
        PRIMARY KEY (response_id, question_id)
      )`);

    await q.query(`
      CREATE TABLE consultation_meetings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        consultation_id uuid NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
        -- meeting: at a time; point: a place where comments are collected over a period
        kind text NOT NULL DEFAULT 'meeting' CHECK (kind IN ('meeting', 'point')),
        title text NOT NULL CHECK (length(btrim(title)) BETWEEN 1 AND 300),
        place text NOT NULL DEFAULT '',
        online_url text,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        capacity integer CHECK (capacity > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`
      CREATE TABLE meeting_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES consultation_meetings(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX meeting_registrations_one ON meeting_registrations (meeting_id, user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'meeting_registrations',
      'consultation_meetings',
      'survey_answers',
      'survey_responses',
      'survey_questions',
      'consultation_comment_responses',
      'consultation_comment_reports',
      'consultation_comments',
      'consultation_section_texts',
      'consultation_sections',
      'consultation_document_versions',
      'consultation_attachments',
      'consultation_areas',
      'consultations',
      'organisations',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
