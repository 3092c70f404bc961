// What may be sent again after a lost connection: only what cannot be applied twice.
import { describe, expect, it } from 'vitest';
import { isConnectionError, isPlainRead, wasNeverSent } from './connection-errors.js';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('a lost or refused connection', () => {
  it.each([
    withCode('57P01', 'terminating connection due to administrator command'),
    withCode('57P03', 'the database system is starting up'),
    withCode('08006'),
    withCode('ECONNREFUSED'),
    withCode('ECONNRESET'),
    new Error('Connection terminated unexpectedly'),
    new Error('Connection terminated'),
    new Error('Client has encountered a connection error and is not queryable'),
  ])('is told apart from a wrong statement (%s)', (error) => {
    expect(isConnectionError(error)).toBe(true);
  });

  it.each([withCode('23505'), withCode('42P01'), new Error('boom'), 'text'])('is not %s', (error) => {
    expect(isConnectionError(error)).toBe(false);
  });

  it('was certainly never sent only when the client refused it before writing', () => {
    expect(wasNeverSent(new Error('Client has encountered a connection error and is not queryable'))).toBe(true);
    expect(wasNeverSent(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(wasNeverSent(withCode('57P01'))).toBe(false);
  });
});

describe('a plain read', () => {
  it.each([
    'SELECT 1',
    '  select c.*, a.code FROM cases c JOIN areas a ON a.id = c.area_id WHERE c.updated_at > $1',
    'WITH x AS (SELECT id FROM cases) SELECT count(*) FROM x',
  ])('may be sent twice: %s', (text) => {
    expect(isPlainRead(text)).toBe(true);
  });

  it.each([
    'INSERT INTO cases (id) VALUES ($1)',
    'WITH moved AS (UPDATE cases SET state = $1 RETURNING id) SELECT * FROM moved',
    'SELECT pg_advisory_xact_lock($1)',
    "SELECT nextval('case_number_seq')",
    'SELECT * FROM cases WHERE id = $1 FOR UPDATE',
    "SELECT pg_notify('case_changes', $1)",
    'DELETE FROM sessions WHERE id = $1',
  ])('is not a write, lock or side effect: %s', (text) => {
    expect(isPlainRead(text)).toBe(false);
  });
});
