import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Subscribers and their topics, subscription mails (double opt-in), notification events, deliveries (one per event
 * and recipient, unique), and the schedules of repeated jobs.
 */
export class Notifications1795400000000 implements MigrationInterface {
  name = 'Notifications1795400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscribers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        locale text NOT NULL DEFAULT 'pl' CHECK (locale IN ('pl', 'en')),
        frequency text NOT NULL DEFAULT 'immediate' CHECK (frequency IN ('immediate', 'daily')),
        -- none: no topic subscription (an account or a participant told about their own activity only)
        topics_status text NOT NULL DEFAULT 'none' CHECK (topics_status IN ('none', 'pending', 'confirmed', 'unsubscribed')),
        own_activity boolean NOT NULL DEFAULT true,
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        confirmed_at timestamptz,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX subscribers_email_key ON subscribers (email)`);
    await q.query(`CREATE UNIQUE INDEX subscribers_user_key ON subscribers (user_id) WHERE user_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE subscriber_topics (
        subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
        topic text NOT NULL CHECK (topic ~ '^(results|initiatives|(edition|consultation|area):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$'),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscriber_id, topic)
      )`);
    await q.query(`CREATE INDEX subscriber_topics_topic_idx ON subscriber_topics (topic, subscriber_id)`);

    await q.query(`
      CREATE TABLE subscription_mails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subscriber_id uuid NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('confirm', 'already_subscribed')),
        token_hash text,
        expires_at timestamptz NOT NULL,
        sent_at timestamptz,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX subscription_mails_hash_key ON subscription_mails (token_hash)`);
    await q.query(`CREATE INDEX subscription_mails_subscriber_idx ON subscription_mails (subscriber_id, purpose, created_at)`);

    await q.query(`
      CREATE TABLE notification_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        facts jsonb NOT NULL,
        topics text[] NOT NULL DEFAULT '{}',
        user_ids uuid[] NOT NULL DEFAULT '{}',
        emails jsonb NOT NULL DEFAULT '[]',
        -- one digest event per day (digest:<YYYY-MM-DD>)
        dedupe_key text,
        fanout_cursor uuid,
        fanout_completed_at timestamptz,
        recipients integer,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX notification_events_dedupe_key ON notification_events (dedupe_key) WHERE dedupe_key IS NOT NULL`);
    await q.query(`CREATE INDEX notification_events_created_idx ON notification_events (created_at DESC)`);

    await q.query(`
      CREATE TABLE deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES notification_events(id) ON DELETE CASCADE,
        subscriber_id uuid REFERENCES subscribers(id) ON DELETE SET NULL,
        reason text NOT NULL CHECK (reason IN ('topic', 'direct')),
        -- queued: waits for the subscriber's daily digest; in_digest: carried by the digest delivery digest_id
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'sending', 'sent', 'failed', 'skipped', 'queued', 'in_digest')),
        digest_id uuid REFERENCES deliveries(id) ON DELETE SET NULL,
        attempts integer NOT NULL DEFAULT 0,
        -- sends that started again after an attempt was cut off (its worker died mid-send)
        interrupted integer NOT NULL DEFAULT 0,
        sending_job text,
        lease_until timestamptz,
        email text,
        locale text,
        message_id text,
        smtp_response text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX deliveries_event_recipient_key ON deliveries (event_id, subscriber_id)`);
    await q.query(`CREATE INDEX deliveries_status_idx ON deliveries (status, created_at)`);
    await q.query(`CREATE INDEX deliveries_queued_idx ON deliveries (subscriber_id, created_at) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX deliveries_digest_idx ON deliveries (digest_id) WHERE digest_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE schedules (
        name text PRIMARY KEY,
        next_run_at timestamptz NOT NULL,
        last_run_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE schedules`);
    await q.query(`DROP TABLE deliveries`);
    await q.query(`DROP TABLE notification_events`);
    await q.query(`DROP TABLE subscription_mails`);
    await q.query(`DROP TABLE subscriber_topics`);
    await q.query(`DROP TABLE subscribers`);
  }
}
