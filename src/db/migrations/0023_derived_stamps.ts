// Stamps for derived figures (src/db/derived-stamps.ts): a counter per kind of input, raised by a trigger in
// the same transaction as any change to that input. A figure computed from the inputs is kept with the stamp
// it was computed under, and used again only while the stamp is unchanged. Triggers, not calls in the code, so
// that no write path (an import, a form, a national load, a restore) can forget to invalidate.
// Statement-level triggers: an import of 100,000 values raises the stamp once per statement, not per row. The
// UPDATE takes the stamp row's lock until commit, so stamps rise in commit order and a reader can never see a
// stamp that is newer than the data it was computed from.
import { sql, type Kysely } from 'kysely'

export const STAMPED_TABLES = {
  measures: [
    'measure',
    'measure_value',
    'measure_target',
    'measure_benchmark',
    'measure_rebaseline',
    'measure_strand',
    'measure_objective',
  ],
  national: ['national_area', 'national_value', 'statistical_neighbour', 'ofsted_inspection'],
} as const

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table derived_stamp (
      scope text primary key,
      version bigint not null default 1
    )`.execute(db)
  await sql`insert into derived_stamp (scope) values ('measures'), ('national')`.execute(db)
  await sql`
    create function raise_derived_stamp() returns trigger language plpgsql as $$
    begin
      update derived_stamp set version = version + 1 where scope = tg_argv[0];
      return null;
    end
    $$`.execute(db)
  for (const [scope, tables] of Object.entries(STAMPED_TABLES)) {
    for (const table of tables) {
      await sql`
        create trigger ${sql.raw(`${table}_raises_${scope}_stamp`)}
        after insert or update or delete or truncate on ${sql.table(table)}
        for each statement execute function raise_derived_stamp(${sql.lit(scope)})`.execute(db)
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [scope, tables] of Object.entries(STAMPED_TABLES)) {
    for (const table of tables) {
      await sql`drop trigger ${sql.raw(`${table}_raises_${scope}_stamp`)} on ${sql.table(table)}`.execute(db)
    }
  }
  await sql`drop function raise_derived_stamp()`.execute(db)
  await sql`drop table derived_stamp`.execute(db)
}
