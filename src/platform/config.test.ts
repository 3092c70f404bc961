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
    expect(problems).toMatch(/TRUST_PROXY must be true or false/);
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
});
