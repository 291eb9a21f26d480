// Sign-in throttling shared by every process on the database, and an audit trail that cannot be rewritten.
// sign_in_throttle: one row per key ('account:<email>' or 'address:<client address>') with its recent failures;
// rows are pruned once quiet (src/accounts/sign-in-throttle-repository.ts). audit_log: a trigger refuses UPDATE and
// DELETE of its rows whoever asks, the owner included (TRUNCATE does not fire it; nothing in the app truncates).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table sign_in_throttle (
      key text primary key,
      failures integer not null check (failures > 0),
      last_failure_at timestamptz not null
    )`.execute(db)
  await sql`create index sign_in_throttle_last_failure_idx on sign_in_throttle (last_failure_at)`.execute(db)
  await sql`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = 'insufficient_privilege';
    end
    $$`.execute(db)
  await sql`
    create trigger audit_log_append_only before update or delete on audit_log
    for each row execute function audit_log_append_only()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_log_append_only on audit_log`.execute(db)
  await sql`drop function audit_log_append_only()`.execute(db)
  await sql`drop table sign_in_throttle`.execute(db)
}
