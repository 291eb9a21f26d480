import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // No foreign keys: the trail must outlive what it describes.
  await sql`
    create table audit_log (
      id bigserial primary key,
      organisation_id integer,
      user_id integer,
      at timestamptz not null default now(),
      entity_type text not null,
      entity_id text not null,
      action text not null,
      summary text not null,
      before jsonb,
      after jsonb
    )`.execute(db)
  await sql`create index audit_log_organisation_at_idx on audit_log (organisation_id, at desc)`.execute(db)
  await sql`create index audit_log_entity_idx on audit_log (entity_type, entity_id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table audit_log`.execute(db)
}
