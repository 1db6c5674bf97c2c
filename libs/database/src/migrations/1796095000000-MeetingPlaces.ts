import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Where a consultation's meeting or point takes place on a map: latitude and longitude (WGS 84), both or neither.
 * The meetings page draws the places that have them.
 */
export class MeetingPlaces1796095000000 implements MigrationInterface {
  name = 'MeetingPlaces1796095000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE consultation_meetings
        ADD COLUMN latitude double precision CHECK (latitude BETWEEN -90 AND 90),
        ADD COLUMN longitude double precision CHECK (longitude BETWEEN -180 AND 180),
        ADD CONSTRAINT consultation_meetings_coordinates CHECK ((latitude IS NULL) = (longitude IS NULL))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE consultation_meetings DROP CONSTRAINT consultation_meetings_coordinates, DROP COLUMN latitude, DROP COLUMN longitude`);
  }
}
