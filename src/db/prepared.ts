import { sql, type RawBuilder } from 'kysely';

const MARK = /^\/\* prepared ([a-z][a-z0-9_]*) \*\/ /;

/**
 * Put first in a hot statement's `sql` template: on a PostgreSQL server the statement is then sent as the
 * named prepared statement `name`, parsed and planned once per connection instead of on every call (PGlite
 * runs it as written; the mark is a comment). The statement's text must be the same on every call: a name
 * sent with another text is refused by the driver.
 */
export function preparedAs(name: string): RawBuilder<unknown> {
  if (!MARK.test(`/* prepared ${name} */ `)) throw new Error(`not a statement name: ${name}`);
  return sql.raw(`/* prepared ${name} */ `);
}

/** The name a statement's text was marked with by `preparedAs`, if any. */
export function preparedName(text: string): string | undefined {
  return MARK.exec(text)?.[1];
}
