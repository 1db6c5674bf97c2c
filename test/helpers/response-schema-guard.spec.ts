import type { OpenAPIObject } from '@nestjs/swagger';
import { schemaProblems } from './response-schema-guard';

const doc = {
  openapi: '3.0.0',
  info: { title: 't', version: '1' },
  paths: {},
  components: {
    schemas: {
      Area: {
        type: 'object',
        properties: { id: { type: 'string' }, kind: { type: 'string', enum: ['city', 'district'] }, parentId: { type: 'string', nullable: true } },
        required: ['id', 'kind'],
      },
      List: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Area' } }, total: { type: 'integer' } } },
      Free: { type: 'object', additionalProperties: true },
    },
  },
} as unknown as OpenAPIObject;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

describe('response schema guard', () => {
  it('accepts a body that matches, nested references and nullable values included', () => {
    expect(schemaProblems({ items: [{ id: 'a', kind: 'city', parentId: null }], total: 1 }, ref('List'), doc)).toEqual([]);
    expect(schemaProblems({ anything: { at: 'all' } }, ref('Free'), doc)).toEqual([]);
  });

  it('names every property the schema does not declare, every required one missing, and every wrong type or value', () => {
    expect(
      schemaProblems(
        {
          items: [
            { id: 'a', kind: 'town', secret: 'x' },
            { kind: 'city', parentId: 3 },
          ],
          total: 1.5,
        },
        ref('List'),
        doc,
      ),
    ).toEqual([
      '$.items[0].kind: "town" is not one of ["city","district"]',
      '$.items[0].secret: not in the schema',
      '$.items[1].id: required, missing',
      '$.items[1].parentId: number, not a string',
      '$.total: 1.5, not an integer',
    ]);
    expect(schemaProblems({ items: null }, ref('List'), doc)).toEqual(['$.items: null, but not nullable']);
    expect(schemaProblems([], ref('Area'), doc)).toEqual(['$: not an object']);
  });
});
