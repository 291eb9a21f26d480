// Practice standards: local frequency beside the statutory minimum, and monthly compliance. A standard (visits
// to children in care, supervision) holds its local interval and, where the law sets one, the statutory
// minimum interval with its source; each month records the caseload it covered, the children due a visit and
// how many were seen within the local standard (and, optionally, within the statutory minimum). A standard's
// compliance feeds a success measure of its own, made the first time a month is recorded.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table practice_standard (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      title text not null,
      applies_to text not null,
      local_every integer not null check (local_every between 1 and 366),
      local_unit text not null check (local_unit in ('days', 'weeks')),
      statutory_every integer check (statutory_every between 1 and 366),
      statutory_unit text check (statutory_unit in ('days', 'weeks')),
      statutory_source text not null default '',
      note text not null default '',
      measure_id integer references measure (id) on delete set null,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organisation_id, title),
      check ((statutory_every is null) = (statutory_unit is null))
    )`.execute(db)
  await sql`create index practice_standard_council on practice_standard (organisation_id)`.execute(db)
  await sql`
    create table practice_standard_month (
      id serial primary key,
      standard_id integer not null references practice_standard (id) on delete cascade,
      month date not null check (extract(day from month) = 1),
      caseload integer not null check (caseload >= 0),
      due integer not null check (due >= 1 and due <= caseload),
      seen_local integer not null check (seen_local >= 0 and seen_local <= due),
      seen_statutory integer check (seen_statutory >= 0 and seen_statutory <= due),
      note text not null default '',
      recorded_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (standard_id, month)
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table practice_standard_month`.execute(db)
  await sql`drop table practice_standard`.execute(db)
}
