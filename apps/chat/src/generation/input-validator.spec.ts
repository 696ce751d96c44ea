import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidParamError } from '@sluice/contracts';
import { InputValidator } from './input-validator';

const form: any[] = [
  { 'text-input': { label: 'Name', variable: 'name', required: true, max_length: 5 } },
  { paragraph: { label: 'Bio', variable: 'bio', required: false } },
  { select: { label: 'Tone', variable: 'tone', required: false, options: ['a', 'b'], default: 'a' } },
  { number: { label: 'Age', variable: 'age', required: false } },
];

describe('InputValidator', () => {
  const v = new InputValidator();

  it('fills defaults and drops inputs the form does not declare', () => {
    assert.deepEqual(v.validate(form, { name: 'Ann', extra: 'x' }), { name: 'Ann', bio: '', tone: 'a', age: null });
  });

  it('names the missing required variable', () => {
    assert.throws(
      () => v.validate(form, {}),
      (e: InvalidParamError) => e.code === 'invalid_param' && e.params === 'inputs.name' && /name is required/.test(e.message),
    );
  });

  it('enforces max_length, select options and numbers', () => {
    assert.throws(() => v.validate(form, { name: 'toolong' }), /less than 5 characters/);
    assert.throws(() => v.validate(form, { name: 'a', tone: 'c' }), /one of the following: a, b/);
    assert.throws(() => v.validate(form, { name: 'a', age: 'old' }), /valid number/);
    assert.equal(v.validate(form, { name: 'a', age: '42' }).age, 42);
  });

  it('accepts an app without a form', () => {
    assert.deepEqual(v.validate(undefined, { anything: 1 }), {});
  });
});
