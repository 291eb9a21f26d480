// Codes and names that must be unique are unique whatever their case: strand codes within a plan, measure
// codes and practice standard titles within a council. The application's checks already compared them
// case-insensitively, but two requests at once could both pass the check, and the constraints compared case:
// `97z` and `97Z` could both be stored. (Risk references, survey questions, voice themes, audited cases and
// leadership posts had such indexes already.)
import { sql, type Kysely } from 'kysely'

const CHANGES = [
  { table: 'strand', constraint: 'strand_plan_id_code_key', index: 'strand_code', on: sql`(plan_id, lower(code))` },
  {
    table: 'measure',
    constraint: 'measure_organisation_id_code_key',
    index: 'measure_code',
    on: sql`(organisation_id, lower(code))`,
  },
  {
    table: 'practice_standard',
    constraint: 'practice_standard_organisation_id_title_key',
    index: 'practice_standard_title',
    on: sql`(organisation_id, lower(title))`,
  },
] as const

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const c of CHANGES) {
    await sql`create unique index ${sql.id(c.index)} on ${sql.table(c.table)} ${c.on}`.execute(db)
    await sql`alter table ${sql.table(c.table)} drop constraint ${sql.id(c.constraint)}`.execute(db)
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of CHANGES) {
    const column = c.table === 'practice_standard' ? 'title' : 'code'
    const scope = c.table === 'strand' ? 'plan_id' : 'organisation_id'
    await sql`alter table ${sql.table(c.table)} add constraint ${sql.id(c.constraint)} unique (${sql.ref(scope)}, ${sql.ref(column)})`.execute(
      db,
    )
    await sql`drop index ${sql.id(c.index)}`.execute(db)
  }
}
