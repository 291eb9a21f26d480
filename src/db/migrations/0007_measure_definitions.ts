// A measure says what it is: caveats on its definition, and how it differs from the official figures
// or benchmarks it is compared with (so a comparison that is not like for like says so).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table measure add column caveats text not null default ''`.execute(db)
  await sql`alter table measure add column comparability text not null default ''`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table measure drop column comparability`.execute(db)
  await sql`alter table measure drop column caveats`.execute(db)
}
