// Where each incremental harvest stands: the date to ask from next time, and
// the resumption token of a list that was interrupted.
import type { Sql } from './sql.ts';

export interface HarvestState {
  name: string;
  nextFrom: string | null;
  resumptionToken: string | null;
  request: string | null;
}

export interface HarvestStateStore {
  get(name: string): Promise<HarvestState | null>;
  save(state: HarvestState): Promise<void>;
}

const SQL = {
  select: 'SELECT name, next_from AS "nextFrom", resumption_token AS "resumptionToken", request FROM harvest_state WHERE name = ?',
  upsert: `INSERT INTO harvest_state (name, next_from, resumption_token, request, updated_at) VALUES (@name, @nextFrom, @resumptionToken, @request, @now)
    ON CONFLICT (name) DO UPDATE SET next_from = excluded.next_from, resumption_token = excluded.resumption_token, request = excluded.request, updated_at = excluded.updated_at`,
};

/** Harvest positions; given a transaction's Sql, saved in that transaction (with the page they follow). */
export function createHarvestStateStore(sql: Sql): HarvestStateStore {
  return {
    get: async (name) => (await sql.get<HarvestState>(SQL.select, [name])) ?? null,
    save: async (state) => void (await sql.run(SQL.upsert, { ...state, now: new Date().toISOString() })),
  };
}
