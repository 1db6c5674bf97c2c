import { IsInt, IsString, MaxLength, validateSync } from 'class-validator';
import { memoiseValidationMetadata } from './validation';

const fields = (o: object) => validateSync(o, { forbidUnknownValues: true }).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`);

describe('memoised validation metadata', () => {
  beforeAll(() => memoiseValidationMetadata());

  it('validates as before: own rules, inherited rules, repeated lookups', () => {
    class Base {
      @IsString() name: unknown;
    }
    class Child extends Base {
      @IsInt() age: unknown;
    }
    const bad = Object.assign(new Child(), { name: 1, age: 'x' });
    expect(fields(bad).sort()).toEqual(['age:isInt', 'name:isString']);
    // The second lookup comes from memory and gives the same answer; a valid object passes.
    expect(fields(bad).sort()).toEqual(['age:isInt', 'name:isString']);
    expect(fields(Object.assign(new Child(), { name: 'Anna', age: 30 }))).toEqual([]);
  });

  it('forgets what it remembered when a rule is added later', () => {
    class Late {
      @IsString() title: unknown;
    }
    const o = Object.assign(new Late(), { title: 'x'.repeat(20) });
    expect(fields(o)).toEqual([]);
    // A rule declared after the first validation (a class decorated later) applies at once.
    MaxLength(10)(Late.prototype, 'title');
    expect(fields(o)).toEqual(['title:maxLength']);
  });
});
