// The database interface every store uses; it is the engine's (text-index/sql.ts), which
// sits below db/ and reads its own tables through the same connection.
export { bySql, inList, insertRows, scalarParam, type Database, type Dialect, type Params, type Sql } from '../text-index/sql.ts';
