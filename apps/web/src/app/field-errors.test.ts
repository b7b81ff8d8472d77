import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { fieldErrors } from './field-errors';

const validation = (details: unknown) =>
  new ApiError(400, 'validation_failed', 'bad', details, 'req-1');

describe('field errors from the API', () => {
  it('maps each detail to its form field, without the body prefix', () => {
    const error = validation([
      { field: 'body.phone', message: 'not a phone number' },
      { field: 'name', message: 'too long' },
      { field: 'body.attributes.birthday', message: 'not a date' },
    ]);
    expect(fieldErrors(error)).toEqual({
      phone: 'not a phone number',
      name: 'too long',
      'attributes.birthday': 'not a date',
    });
  });

  it('keeps the first message of a field', () => {
    const error = validation([
      { field: 'body.phone', message: 'first' },
      { field: 'body.phone', message: 'second' },
    ]);
    expect(fieldErrors(error)).toEqual({ phone: 'first' });
  });

  it("takes a service error's one field with the error's message", () => {
    const error = new ApiError(
      400,
      'validation_failed',
      '"+44 12" is too short',
      { field: 'phone' },
      'r',
    );
    expect(fieldErrors(error)).toEqual({ phone: '"+44 12" is too short' });
    const conflict = new ApiError(
      409,
      'conflict',
      'A contact with this number exists',
      {
        field: 'phone',
        existingId: 'c1',
      },
      'r',
    );
    expect(fieldErrors(conflict)).toEqual({ phone: 'A contact with this number exists' });
  });

  it('gives nothing for other errors or malformed details', () => {
    expect(fieldErrors(new Error('x'))).toEqual({});
    expect(fieldErrors(validation(undefined))).toEqual({});
    expect(fieldErrors(validation([null, 'x', { field: 1, message: 'm' }]))).toEqual({});
    expect(fieldErrors(validation({ problems: [] }))).toEqual({});
  });
});
