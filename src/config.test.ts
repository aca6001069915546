import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, describeConfig, loadConfig, redactSecret } from './config.ts';

describe('loadConfig', () => {
  it('runs out of the box on defaults', () => {
    expect(loadConfig({})).toMatchObject({ databaseUrl: 'sqlite:./data/paperboy.db', port: 8080, arxivMinIntervalMs: 3000, demoCorpus: true });
  });

  it('reads and validates every kind of key', () => {
    expect(loadConfig({ PORT: '9000', DEMO_CORPUS: 'off', LOG_LEVEL: 'debug' })).toMatchObject({ port: 9000, demoCorpus: false, logLevel: 'debug' });
    expect(() => loadConfig({ PORT: '99999' })).toThrow('config PORT="99999" is not valid: expected a whole number from 0 to 65535');
    expect(() => loadConfig({ ARXIV_API_URL: 'ftp://x' })).toThrow(/ARXIV_API_URL.*an http\(s\) URL/);
    expect(() => loadConfig({ DEMO_CORPUS: 'maybe' })).toThrow(/true or false/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/sqlite:PATH/);
  });

  it('describes every key, redacting secrets', () => {
    expect(describeConfig(loadConfig({})).map((row) => row.key)).toEqual(CONFIG_KEYS.map((spec) => spec.key));
    expect(redactSecret('postgres://paperboy:s3cret@db:5432/papers')).toBe('postgres://paperboy:***@db:5432/papers');
    expect(redactSecret('host=db password=s3cret')).toBe('host=db password=***');
  });
});
