// Intervention and scrutiny: the Improvement Notice or Statutory Direction and its numbered requirements;
// inspections, visits and reviews with their findings and recommendations; links from each requirement or
// finding to what answers it; self-assessments frozen on submission; and the Improvement Board's meetings
// and decisions (the Board issue adds attendance, agenda and actions to them).
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table board_meeting (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      held_on date not null,
      title text not null,
      summary text not null default '',
      report_id integer references report (id) on delete set null,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index board_meeting_council on board_meeting (organisation_id, held_on)`.execute(db)
  await sql`
    create table board_decision (
      id serial primary key,
      meeting_id integer not null references board_meeting (id) on delete cascade,
      position integer not null,
      text text not null
    )`.execute(db)

  await sql`
    create table intervention (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      kind text not null check (kind in ('improvement-notice', 'statutory-direction')),
      title text not null,
      issued_on date not null,
      issued_by text not null,
      overseer_role text not null check (overseer_role in ('adviser', 'commissioner')),
      review_interval_months integer not null default 6 check (review_interval_months between 1 and 24),
      monitoring_interval_months integer check (monitoring_interval_months between 1 and 24),
      summary text not null default '',
      ended_on date,
      ended_note text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ended_on is null or ended_on >= issued_on)
    )`.execute(db)
  await sql`
    create table intervention_requirement (
      id serial primary key,
      intervention_id integer not null references intervention (id) on delete cascade,
      paragraph text not null,
      title text not null,
      due_on date,
      position integer not null,
      closed_on date,
      closure_note text not null default '',
      closed_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (intervention_id, paragraph)
    )`.execute(db)

  await sql`
    create table oversight_event (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      kind text not null check (kind in (
        'inspection', 'focused-visit', 'monitoring-visit', 'jtai',
        'dfe-review', 'adviser-review', 'commissioner-review')),
      inspection_type text check (inspection_type in ('standard', 'short')),
      title text not null default '',
      intervention_id integer references intervention (id) on delete set null,
      national_inspection_id integer references ofsted_inspection (id) on delete set null,
      state text not null default 'held' check (state in ('planned', 'held')),
      starts_on date not null,
      ends_on date,
      published_on date,
      summary text not null default '',
      themes jsonb not null default '[]',
      judgements jsonb not null default '{}',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_on is null or ends_on >= starts_on),
      check (inspection_type is null or kind = 'inspection')
    )`.execute(db)
  await sql`create index oversight_event_council on oversight_event (organisation_id, starts_on)`.execute(db)
  await sql`
    create table oversight_finding (
      id serial primary key,
      event_id integer not null references oversight_event (id) on delete cascade,
      kind text not null check (kind in ('strength', 'finding', 'recommendation')),
      reference text not null default '',
      theme text not null default '',
      text text not null,
      due_on date,
      position integer not null,
      closed_on date,
      closure_note text not null default '',
      closed_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)

  // What answers a requirement or a finding: exactly one subject and exactly one target per row, each a
  // real foreign key, so deleting a milestone or withdrawing nothing leaves a link pointing nowhere.
  await sql`
    create table oversight_link (
      id serial primary key,
      requirement_id integer references intervention_requirement (id) on delete cascade,
      finding_id integer references oversight_finding (id) on delete cascade,
      objective_id integer references objective (id) on delete cascade,
      milestone_id integer references milestone (id) on delete cascade,
      report_id integer references report (id) on delete cascade,
      meeting_id integer references board_meeting (id) on delete cascade,
      evidence_id integer references evidence_entry (id) on delete cascade,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      check (num_nonnulls(requirement_id, finding_id) = 1),
      check (num_nonnulls(objective_id, milestone_id, report_id, meeting_id, evidence_id) = 1)
    )`.execute(db)
  await sql`
    create unique index oversight_link_once on oversight_link (
      coalesce(requirement_id, 0), coalesce(finding_id, 0), coalesce(objective_id, 0), coalesce(milestone_id, 0),
      coalesce(report_id, 0), coalesce(meeting_id, 0), coalesce(evidence_id, 0))`.execute(db)
  await sql`create index oversight_link_requirement on oversight_link (requirement_id)`.execute(db)
  await sql`create index oversight_link_finding on oversight_link (finding_id)`.execute(db)

  await sql`
    create table self_assessment (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      title text not null,
      review_event_id integer references oversight_event (id) on delete set null,
      status text not null default 'draft' check (status in ('draft', 'submitted')),
      narrative jsonb not null default '{}',
      snapshot jsonb,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      submitted_by integer references app_user (id) on delete set null,
      submitted_at timestamptz,
      check ((status = 'submitted') = (snapshot is not null and submitted_at is not null))
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'self_assessment',
    'oversight_link',
    'oversight_finding',
    'oversight_event',
    'intervention_requirement',
    'intervention',
    'board_decision',
    'board_meeting',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
}
