// Attempt limits shared by every process on the database (they were kept in each process's memory): one row per
// failed attempt at something limited, such as changing a password with a wrong current one or asking for
// password-reset mail, under a key naming the thing and the person. Rows older than the window are pruned
// (src/accounts/attempt-limit-repository.ts).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table attempt_failure (
      id bigserial primary key,
      key text not null,
      failed_at timestamptz not null
    )`.execute(db)
  await sql`create index attempt_failure_key_idx on attempt_failure (key, failed_at)`.execute(db)
  await sql`create index attempt_failure_failed_at_idx on attempt_failure (failed_at)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table attempt_failure`.execute(db)
}
