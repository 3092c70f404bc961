import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults that run the demo locally', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, nodeEnv: 'development', databaseUrl: undefined, logLevel: 'info' });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('names every invalid variable and what is wrong with it, at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        NODE_ENV: 'staging',
        LOG_LEVEL: 'loud',
        DATABASE_URL: 'mysql://x',
        TRUST_PROXY: 'maybe',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT must be a whole number from 0 to 65535 \(got "eighty"\)/);
    expect(problems).toMatch(/NODE_ENV must be one of development, test, production/);
    expect(problems).toMatch(/LOG_LEVEL/);
    expect(problems).toMatch(/DATABASE_URL must be a postgres: or postgresql: URL/);
    expect(problems).toMatch(/TRUST_PROXY must be false, a hop count, or the proxies' addresses/);
  });

  it('reads TRUST_PROXY as a hop count or the proxies addresses, as Fastify takes it', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      'fd00::/8',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TRUST_PROXY must be/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY must be/);
  });

  it('lets server-side fetches reach private addresses outside production only', () => {
    expect(loadConfig({}).outboundAllowPrivate).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).outboundAllowPrivate).toBe(true);
    const production = { NODE_ENV: 'production', SMS_GATEWAY_URL: 'https://sms.example/send' };
    expect(loadConfig(production).outboundAllowPrivate).toBe(false);
    expect(loadConfig({ ...production, OUTBOUND_ALLOW_PRIVATE: 'true' }).outboundAllowPrivate).toBe(true);
  });

  it('never echoes a malformed DATABASE_URL, which may hold a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://user:s3cret@[bad' })).toThrow(
      /DATABASE_URL is not a valid URL/,
    );
    try {
      loadConfig({ DATABASE_URL: 'postgres://user:s3cret@[bad' });
    } catch (error) {
      expect(String(error)).not.toContain('s3cret');
    }
  });

  it('refuses production without a real SMS gateway', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SMS_GATEWAY_URL is required in production/);
    expect(loadConfig({ NODE_ENV: 'production', SMS_GATEWAY_URL: 'https://sms.example/send' }).nodeEnv).toBe(
      'production',
    );
  });

  it('writes demo data by default, never in production, and not with DEMO_DATA=off', () => {
    expect(loadConfig({}).demoData).toBe(true);
    expect(loadConfig({ DEMO_DATA: 'off' }).demoData).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SMS_GATEWAY_URL: 'https://sms.example/send' }).demoData).toBe(false);
    expect(() => loadConfig({ DEMO_DATA: 'maybe' })).toThrow(/DEMO_DATA must be one of on, off/);
  });

  it('keeps media on the local disk unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ mediaStorage: 'local', s3: undefined });
  });

  it('reads an S3-compatible bucket for media', () => {
    const config = loadConfig({
      MEDIA_STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'citypulse-media',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(config.mediaStorage).toBe('s3');
    expect(config.s3).toEqual({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'citypulse-media',
      region: 'us-east-1',
      accessKeyId: 'minio',
      secretAccessKey: 'minio-secret',
      forcePathStyle: true,
    });
    expect(Object.isFrozen(config.s3)).toBe(true);
    // AWS itself with the SDK's own credential chain needs only a bucket and a region
    expect(loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b', S3_REGION: 'ap-southeast-1' }).s3).toEqual({
      endpoint: undefined,
      bucket: 'b',
      region: 'ap-southeast-1',
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: false,
    });
  });

  it('names what S3 media storage is missing, and S3 settings that would be ignored', () => {
    const problemsOf = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems.join('\n');
      }
    };
    const missing = problemsOf({ MEDIA_STORAGE: 's3', S3_ACCESS_KEY_ID: 'only-the-id', S3_ENDPOINT: 'ftp://x' });
    expect(missing).toMatch(/S3_BUCKET is required when MEDIA_STORAGE is s3/);
    expect(missing).toMatch(/S3_REGION is required/);
    expect(missing).toMatch(/S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together/);
    expect(missing).toMatch(/S3_ENDPOINT must be a http: or https: URL/);
    expect(problemsOf({ MEDIA_STORAGE: 'ftp' })).toMatch(/MEDIA_STORAGE must be one of local, s3/);
    expect(problemsOf({ S3_BUCKET: 'forgotten' })).toMatch(/S3_BUCKET is set but MEDIA_STORAGE is not s3/);
    expect(problemsOf({ MEDIA_STORAGE: 's3', S3_BUCKET: 'b', S3_REGION: 'r', S3_FORCE_PATH_STYLE: 'sure' })).toMatch(
      /S3_FORCE_PATH_STYLE must be true or false/,
    );
  });

  it('has intake limits that a city may loosen, tighten or turn off (0)', () => {
    expect(loadConfig({}).limits).toEqual({
      mediaMaxPixels: 50_000_000,
      windowSeconds: 600,
      reportsPerAccount: 30,
      reportsPerIp: 120,
      uploadsPerAccount: 60,
      uploadsPerIp: 240,
      uploadBytesPerDay: 1024 * 1024 * 1024,
    });
    expect(loadConfig({ REPORTS_PER_ACCOUNT: '0', UPLOAD_QUOTA_MB_PER_DAY: '200' }).limits).toMatchObject({
      reportsPerAccount: 0,
      uploadBytesPerDay: 200 * 1024 * 1024,
    });
    expect(() => loadConfig({ MEDIA_MAX_PIXELS: '500' })).toThrow(/MEDIA_MAX_PIXELS must be a whole number/);
  });
});
