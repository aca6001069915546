// Replaces the Hugging Face account data in a daily-papers response (users,
// avatars, submitter names) with placeholders, keeping every key and the
// rest of the content, so test fixtures carry the real schema but no
// personal data. Run: node --import tsx scripts/scrub-hf-fixture.ts IN OUT [INDENT]
import { readFileSync, writeFileSync } from 'node:fs';

const ACCOUNT_KEYS = new Set(['user', 'submittedBy', 'submittedOnDailyBy', 'githubRepoAddedBy', 'organization', 'submitterOrganization']);
let counter = 0;

function scrubAccount(value: unknown): unknown {
  if (typeof value === 'string') return `account-${++counter}`;
  if (Array.isArray(value)) return value.map(scrubAccount);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [
        key,
        typeof field === 'boolean' || typeof field === 'number' ? field : scrubAccount(field),
      ]),
    );
  }
  return value;
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, ACCOUNT_KEYS.has(key) ? scrubAccount(field) : scrub(field)]),
    );
  }
  return value;
}

const [input, output, indent] = process.argv.slice(2);
if (!input || !output) throw new Error('usage: scrub-hf-fixture.ts IN OUT [INDENT]');
const text = JSON.stringify(scrub(JSON.parse(readFileSync(input, 'utf8'))), null, indent ? Number(indent) : undefined);
writeFileSync(output, text);
