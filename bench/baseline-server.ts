// The intake benchmark's baseline: the same body schema, one INSERT, nothing else. What a
// bare endpoint on this machine and this database does, to compare real intake against.
import Fastify from 'fastify';
import pg from 'pg';
import { ReportInput } from '../src/shared/cases.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required');
const pool = new pg.Pool({ connectionString: url, max: 20 });
await pool.query(
  'CREATE TABLE IF NOT EXISTS bench_baseline (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
);
const app = Fastify({ logger: false, ajv: { customOptions: { removeAdditional: false } } });
app.post('/baseline', { schema: { body: ReportInput } }, async (request, reply) => {
  const { rows } = await pool.query('INSERT INTO bench_baseline (body) VALUES ($1) RETURNING id', [request.body]);
  return reply.status(201).send({ id: rows[0].id });
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`baseline listening on ${typeof address === 'object' && address ? address.port : ''}\n`);
