import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_KEYS, describeConfig, loadConfig, readEnvironment, redactSecret } from './config.ts';
import { tempDir } from '../test/helpers.ts';

describe('loadConfig', () => {
  it('runs out of the box on defaults', async () => {
    expect(loadConfig({})).toMatchObject({
      databaseUrl: 'sqlite:./data/paperboy.db',
      port: 8080,
      arxivMinIntervalMs: 3000,
      demoCorpus: true,
    });
  });

  it('reads and validates every kind of key', async () => {
    expect(loadConfig({ PORT: '9000', DEMO_CORPUS: 'off', LOG_LEVEL: 'debug' })).toMatchObject({
      port: 9000,
      demoCorpus: false,
      logLevel: 'debug',
    });
    expect(() => loadConfig({ PORT: '99999' })).toThrow('config PORT="99999" is not valid: expected a whole number from 0 to 65535');
    expect(() => loadConfig({ ARXIV_API_URL: 'ftp://x' })).toThrow(/ARXIV_API_URL.*an http\(s\) URL/);
    expect(() => loadConfig({ DEMO_CORPUS: 'maybe' })).toThrow(/true or false/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/sqlite:PATH/);
    expect([
      loadConfig({ TRUST_PROXY: 'true' }).trustProxy,
      loadConfig({ TRUST_PROXY: '2' }).trustProxy,
      loadConfig({}).trustProxy,
    ]).toEqual([1, 2, 0]);
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(/true, false or a number of proxies/);
    expect(loadConfig({ DATABASE_REPLICA_URLS: ' postgres://a@r1/p , postgresql://a@r2/p,' }).databaseReplicaUrls).toEqual([
      'postgres://a@r1/p',
      'postgresql://a@r2/p',
    ]);
    expect(loadConfig({}).databaseReplicaUrls).toEqual([]);
    // The password of a refused URL stays out of the message.
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://a:s3cret@r1/p,sqlite:x.db' })).toThrow(
      'config DATABASE_REPLICA_URLS="***" is not valid: expected comma-separated PostgreSQL URLs',
    );
  });

  it('reads an optional .env file, with the real environment winning', async () => {
    const file = join(tempDir(), '.env');
    writeFileSync(file, 'PAPERBOY_TEST_ONLY_KEY=from-file\nPATH=from-file\n');
    const env = readEnvironment(file);
    expect(env.PAPERBOY_TEST_ONLY_KEY).toBe('from-file');
    expect(env.PATH).toBe(process.env.PATH);
    expect(readEnvironment(join(tempDir(), 'missing.env')).PAPERBOY_TEST_ONLY_KEY).toBeUndefined();
  });

  it('describes every key, redacting secrets', async () => {
    expect(describeConfig(loadConfig({})).map((row) => row.key)).toEqual(CONFIG_KEYS.map((spec) => spec.key));
    expect(redactSecret('postgres://paperboy:s3cret@db:5432/papers')).toBe('postgres://paperboy:***@db:5432/papers');
    expect(redactSecret('host=db password=s3cret')).toBe('host=db password=***');
    expect(redactSecret('sk-abc')).toBe('***');
    expect(redactSecret('')).toBe('');
    expect(redactSecret('sqlite:./data/paperboy.db')).toBe('sqlite:./data/paperboy.db');
    expect(redactSecret('postgres://a:one@r1/p,postgres://b:two@r2/p')).toBe('postgres://a:***@r1/p,postgres://b:***@r2/p');
  });
});
