// Case-file audits: rounds, audited cases (a reference, never a name) with a grade per domain and moderation.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table case_audit_round (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      title text not null,
      audit_month date not null check (extract(day from audit_month) = 1),
      theme text not null default '',
      status text not null default 'open' check (status in ('open', 'closed')),
      closed_on date,
      closed_note text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organisation_id, audit_month),
      check ((status = 'closed') = (closed_on is not null))
    )
  `.execute(db)
  await sql`
    create table case_audit_case (
      id serial primary key,
      round_id integer not null references case_audit_round (id) on delete cascade,
      organisation_id integer not null references organisation (id) on delete cascade,
      reference text not null check (reference ~ '^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$'),
      service_area text not null check (service_area in ('front-door', 'assessment', 'child-in-need',
        'child-protection', 'children-in-care', 'care-leavers', 'disabled-children', 'early-help')),
      grade_voice text not null check (grade_voice in ('outstanding', 'good', 'requires-improvement', 'inadequate')),
      grade_assessment text not null
        check (grade_assessment in ('outstanding', 'good', 'requires-improvement', 'inadequate')),
      grade_planning text not null
        check (grade_planning in ('outstanding', 'good', 'requires-improvement', 'inadequate')),
      grade_oversight text not null
        check (grade_oversight in ('outstanding', 'good', 'requires-improvement', 'inadequate')),
      grade_overall text not null
        check (grade_overall in ('outstanding', 'good', 'requires-improvement', 'inadequate')),
      moderation text not null default 'not-moderated'
        check (moderation in ('not-moderated', 'agreed', 'raised', 'lowered')),
      moderated_overall text
        check (moderated_overall in ('outstanding', 'good', 'requires-improvement', 'inadequate')),
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((moderation in ('raised', 'lowered')) = (moderated_overall is not null))
    )
  `.execute(db)
  await sql`create unique index case_audit_case_reference on case_audit_case (round_id, lower(reference))`.execute(db)
  await sql`create index case_audit_case_organisation on case_audit_case (organisation_id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists case_audit_case`.execute(db)
  await sql`drop table if exists case_audit_round`.execute(db)
}
