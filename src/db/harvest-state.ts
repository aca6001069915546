// Where each incremental harvest stands: the date to ask from next time, and
// the resumption token of a list that was interrupted.
import type { Db } from './open.ts';

export interface HarvestState {
  name: string;
  nextFrom: string | null;
  resumptionToken: string | null;
  request: string | null;
}

export interface HarvestStateStore {
  get(name: string): HarvestState | null;
  save(state: HarvestState): void;
}

export function createHarvestStateStore(db: Db): HarvestStateStore {
  const select = db.prepare(
    'SELECT name, next_from AS nextFrom, resumption_token AS resumptionToken, request FROM harvest_state WHERE name = ?',
  );
  const upsert =
    db.prepare(`INSERT INTO harvest_state (name, next_from, resumption_token, request, updated_at) VALUES (@name, @nextFrom, @resumptionToken, @request, @now)
    ON CONFLICT (name) DO UPDATE SET next_from = excluded.next_from, resumption_token = excluded.resumption_token, request = excluded.request, updated_at = excluded.updated_at`);
  return {
    get: (name) => (select.get(name) as HarvestState | undefined) ?? null,
    save: (state) => void upsert.run({ ...state, now: new Date().toISOString() }),
  };
}
