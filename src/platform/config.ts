// The one place that reads the environment: parsed and checked once at boot into a typed,
// frozen object. Everything else receives the Config it needs as an argument.
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';

export type NodeEnv = 'development' | 'test' | 'production';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
export type MediaStorageKind = 'local' | 's3';

/** An S3-compatible bucket for media (AWS S3, MinIO, ...). */
export interface S3Config {
  /** Absent: AWS itself. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  /** Both absent: the AWS SDK's default credential chain (its own AWS_* variables, instance roles). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Bucket in the path rather than the host name, as most self-hosted servers want. */
  forcePathStyle: boolean;
}

/** Abuse limits on what comes in (docs/security.md, "Limits"); a count of 0 turns that limit off. */
export interface IntakeLimits {
  /** Largest picture decoded, in pixels, read from its header first (MEDIA_MAX_PIXELS). */
  mediaMaxPixels: number;
  /** The sliding window of the report and upload limits, in seconds. */
  windowSeconds: number;
  /** Reports a citizen may file per window; staff and API clients are not counted here. */
  reportsPerAccount: number;
  reportsPerIp: number;
  /** POST /media requests (attachments for replies and resolutions) per window. */
  uploadsPerAccount: number;
  uploadsPerIp: number;
  /** Bytes of files a citizen may upload in any 24 hours. */
  uploadBytesPerDay: number;
}

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Absent: embedded PostgreSQL (PGlite) under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  dbPoolMax: number;
  logLevel: LogLevel;
  /** City pack imported into an empty database at start; empty string disables it. */
  cityPackDir: string;
  /** Where one-time codes go: absent means the log (local use only). */
  smsGatewayUrl: string | undefined;
  /**
   * Which X-Forwarded-For hops to believe, as Fastify's trustProxy takes it: false (none), a hop
   * count, or the proxies' addresses/CIDRs. true (every hop) lets any client forge its address.
   */
  trustProxy: boolean | number | string[];
  /** Whether server-side fetches (webhooks, feeds) may reach loopback and private networks. */
  outboundAllowPrivate: boolean;
  sessionTtlDays: number;
  /** Where photos, video and audio are kept: local disk under dataDir/media, or S3. */
  mediaStorage: MediaStorageKind;
  /** Set exactly when mediaStorage is s3. */
  s3: S3Config | undefined;
  /** The built-in triage model's artifact; absent: the one shipped in models/. */
  triageModelPath: string | undefined;
  /** An OpenAI-compatible classifier in front of the built-in model; off when absent. */
  triageExternal: { url: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  /** The built web app (`npm run build`); the API runs without it. */
  webDir: string;
  /** Raster basemap tiles for the web app's maps: a {z}/{x}/{y} template. */
  mapTileUrl: string;
  mapAttribution: string;
  limits: IntakeLimits;
  /** Fill an empty database with a demo pack's history on the first start (never in production). */
  demoData: boolean;
  /** Bearer token that /metrics asks for; without it /metrics is open in development and closed in production. */
  metricsToken: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads variables one by one, collecting every problem so that one run shows them all. */
class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? fallback : raw;
  }

  optional(name: string): string | undefined {
    const raw = this.env[name];
    return raw === undefined || raw === '' ? undefined : raw;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (!(allowed as readonly string[]).includes(raw)) {
      this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
      return fallback;
    }
    return raw as T;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes'].includes(raw)) return true;
    if (['0', 'false', 'no'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  url(name: string, protocols: string[]): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const parsed = new URL(raw);
      if (!protocols.includes(parsed.protocol)) {
        this.problems.push(`${name} must be a ${protocols.join(' or ')} URL (got protocol "${parsed.protocol}")`);
      }
    } catch {
      // The value may hold a password: name the variable, never echo it.
      this.problems.push(`${name} is not a valid URL`);
    }
    return raw;
  }
}

// proxy-addr's names for well-known ranges, accepted as Fastify accepts them
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: false, a hop count, or a comma list of addresses/CIDRs (true kept, but unsafe). */
function readTrustProxy(read: EnvReader): Config['trustProxy'] {
  const raw = read.optional('TRUST_PROXY')?.trim();
  if (raw === undefined || ['false', 'no', '0'].includes(raw)) return false;
  if (['true', 'yes'].includes(raw)) return true;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops <= 100) return hops;
  }
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const bad = entries.filter((entry) => {
    if (PROXY_RANGE_NAMES.includes(entry)) return false;
    if (entry.includes('/')) {
      try {
        ipaddr.parseCIDR(entry);
        return false;
      } catch {
        return true;
      }
    }
    return !ipaddr.isValid(entry);
  });
  if (entries.length === 0 || bad.length > 0) {
    read.problems.push(
      `TRUST_PROXY must be false, a hop count, or the proxies' addresses/CIDRs separated by commas (got "${raw}")`,
    );
    return false;
  }
  return entries;
}

function readS3(read: EnvReader, mediaStorage: MediaStorageKind): S3Config | undefined {
  const endpoint = read.url('S3_ENDPOINT', ['http:', 'https:']);
  const bucket = read.optional('S3_BUCKET');
  const region = read.optional('S3_REGION');
  const accessKeyId = read.optional('S3_ACCESS_KEY_ID');
  const secretAccessKey = read.optional('S3_SECRET_ACCESS_KEY');
  const forcePathStyle = read.boolean('S3_FORCE_PATH_STYLE', false);
  if (mediaStorage !== 's3') {
    // Most likely MEDIA_STORAGE was forgotten: media would silently land on one server's disk.
    if (bucket !== undefined) read.problems.push('S3_BUCKET is set but MEDIA_STORAGE is not s3 (set both or neither)');
    return undefined;
  }
  if (bucket === undefined) read.problems.push('S3_BUCKET is required when MEDIA_STORAGE is s3');
  if (region === undefined) read.problems.push('S3_REGION is required when MEDIA_STORAGE is s3 (any name for MinIO)');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    read.problems.push(
      'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither for the default chain',
    );
  }
  if (bucket === undefined || region === undefined) return undefined;
  return Object.freeze({ endpoint, bucket, region, accessKeyId, secretAccessKey, forcePathStyle });
}

function readTriageExternal(read: EnvReader): Config['triageExternal'] {
  const url = read.url('TRIAGE_EXTERNAL_URL', ['http:', 'https:']);
  const timeoutMs = read.integer('TRIAGE_EXTERNAL_TIMEOUT_MS', 1500, 50, 60_000);
  if (url === undefined) return undefined;
  return {
    url,
    model: read.string('TRIAGE_EXTERNAL_MODEL', 'default'),
    apiKey: read.optional('TRIAGE_EXTERNAL_API_KEY'),
    timeoutMs,
  };
}

function readIntakeLimits(read: EnvReader): IntakeLimits {
  return {
    mediaMaxPixels: read.integer('MEDIA_MAX_PIXELS', 50_000_000, 1_000_000, 1_000_000_000),
    windowSeconds: read.integer('RATE_LIMIT_WINDOW_SECONDS', 600, 10, 86_400),
    reportsPerAccount: read.integer('REPORTS_PER_ACCOUNT', 30, 0, 1_000_000),
    reportsPerIp: read.integer('REPORTS_PER_IP', 120, 0, 1_000_000),
    uploadsPerAccount: read.integer('UPLOADS_PER_ACCOUNT', 60, 0, 1_000_000),
    uploadsPerIp: read.integer('UPLOADS_PER_IP', 240, 0, 1_000_000),
    uploadBytesPerDay: read.integer('UPLOAD_QUOTA_MB_PER_DAY', 1024, 0, 1_000_000) * 1024 * 1024,
  };
}

export function loadConfig(env: Env = process.env): Config {
  const read = new EnvReader(env);
  const nodeEnv = read.oneOf<NodeEnv>('NODE_ENV', ['development', 'test', 'production'], 'development');
  const mediaStorage = read.oneOf<MediaStorageKind>('MEDIA_STORAGE', ['local', 's3'], 'local');
  const config: Config = {
    nodeEnv,
    port: read.integer('PORT', 3000, 0, 65535),
    host: read.string('HOST', '0.0.0.0'),
    databaseUrl: read.url('DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: resolve(read.string('DATA_DIR', './data')),
    dbPoolMax: read.integer('DB_POOL_MAX', 20, 1, 1000),
    logLevel: read.oneOf<LogLevel>(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    cityPackDir: read.string('CITY_PACK_DIR', resolve('packs/hue')),
    smsGatewayUrl: read.url('SMS_GATEWAY_URL', ['http:', 'https:']),
    trustProxy: readTrustProxy(read),
    // loopback for local receivers in development and tests; never in production unless asked
    outboundAllowPrivate: read.boolean('OUTBOUND_ALLOW_PRIVATE', nodeEnv !== 'production'),
    sessionTtlDays: read.integer('SESSION_TTL_DAYS', 30, 1, 365),
    mediaStorage,
    s3: readS3(read, mediaStorage),
    triageModelPath: read.optional('TRIAGE_MODEL_PATH'),
    triageExternal: readTriageExternal(read),
    webDir: resolve(read.string('WEB_DIR', './dist/web')),
    mapTileUrl: read.string('MAP_TILE_URL', 'https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    mapAttribution: read.string('MAP_ATTRIBUTION', '© OpenStreetMap contributors'),
    limits: readIntakeLimits(read),
    demoData: read.oneOf('DEMO_DATA', ['on', 'off'], 'on') === 'on' && nodeEnv !== 'production',
    metricsToken: read.optional('METRICS_TOKEN'),
  };
  if (config.metricsToken !== undefined && config.metricsToken.length < 16) {
    read.problems.push('METRICS_TOKEN must be at least 16 characters (a guessable token opens the metrics)');
  }
  if (nodeEnv === 'production' && config.smsGatewayUrl === undefined) {
    read.problems.push('SMS_GATEWAY_URL is required in production (codes must not go to the log)');
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return Object.freeze(config);
}
