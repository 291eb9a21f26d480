// The Improvement Board and its partners: the Board itself (chair, members, cadence); each meeting's
// attendance, agenda and papers; decisions taken on a report; the action log; the risk and issue register
// with its scored assessments; improvement resources by quarter; the partner organisations a council works
// with, and their answers with evidence attached; and oversight access held by the overseer, which only a
// service-level administrator grants or withdraws.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  // A service-level administrator stands above councils: grants oversight access (and, later, national data).
  await sql`alter table app_user add column service_admin boolean not null default false`.execute(db)
  // An oversight post: access held by the overseer. An adviser's or Commissioner's membership has the adviser
  // role; the Board chair's the board-member role. Every adviser membership is an oversight post.
  await sql`alter table membership add column oversight_post text
    check (oversight_post in ('adviser', 'commissioner', 'board-chair'))`.execute(db)
  await sql`alter table membership add column granted_by integer references app_user (id) on delete set null`.execute(
    db,
  )
  await sql`update membership set oversight_post = 'adviser' where role = 'adviser'`.execute(db)
  await sql`alter table membership add constraint membership_oversight_post check (
    (role = 'adviser' and oversight_post in ('adviser', 'commissioner'))
    or (role = 'board-member' and (oversight_post is null or oversight_post = 'board-chair'))
    or (role not in ('adviser', 'board-member') and oversight_post is null))`.execute(db)

  await sql`
    create table board (
      id serial primary key,
      organisation_id integer not null unique references organisation (id) on delete cascade,
      name text not null,
      chair_title text not null default 'Independent chair',
      cadence_weeks integer not null default 6 check (cadence_weeks between 1 and 26),
      remit text not null default '',
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`
    create table board_member (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      name text not null,
      role_title text not null default '',
      member_of text not null default '',
      is_chair boolean not null default false,
      user_id integer references app_user (id) on delete set null,
      joined_on date,
      left_on date,
      created_at timestamptz not null default now(),
      check (left_on is null or joined_on is null or left_on >= joined_on)
    )`.execute(db)
  await sql`create index board_member_council on board_member (organisation_id)`.execute(db)

  await sql`alter table board_meeting add column minutes text not null default ''`.execute(db)
  await sql`
    create table board_attendance (
      meeting_id integer not null references board_meeting (id) on delete cascade,
      member_id integer not null references board_member (id) on delete cascade,
      status text not null check (status in ('present', 'apologies', 'absent')),
      primary key (meeting_id, member_id)
    )`.execute(db)
  await sql`
    create table board_agenda_item (
      id serial primary key,
      meeting_id integer not null references board_meeting (id) on delete cascade,
      position integer not null,
      title text not null,
      report_id integer references report (id) on delete set null,
      paper_title text not null default '',
      paper_url text not null default ''
    )`.execute(db)
  await sql`create index board_agenda_item_meeting on board_agenda_item (meeting_id, position)`.execute(db)
  await sql`alter table board_decision add column report_id integer references report (id) on delete set null`.execute(
    db,
  )

  await sql`
    create table board_action (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      meeting_id integer not null references board_meeting (id) on delete cascade,
      decision_id integer references board_decision (id) on delete set null,
      text text not null,
      owner text not null,
      due_on date not null,
      outcome text check (outcome in ('done', 'dropped')),
      closed_on date,
      progress text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((outcome is null) = (closed_on is null))
    )`.execute(db)
  await sql`create index board_action_council on board_action (organisation_id, due_on)`.execute(db)

  await sql`
    create table risk (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      kind text not null check (kind in ('risk', 'issue')),
      reference text not null,
      title text not null,
      description text not null default '',
      strand_id integer references strand (id) on delete set null,
      owner text not null,
      mitigations text not null default '',
      opened_on date not null,
      escalated_on date,
      closed_on date,
      closed_note text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (closed_on is null or closed_on >= opened_on)
    )`.execute(db)
  await sql`create unique index risk_reference on risk (organisation_id, lower(reference))`.execute(db)
  await sql`
    create table risk_assessment (
      id serial primary key,
      risk_id integer not null references risk (id) on delete cascade,
      assessed_on date not null,
      likelihood integer not null check (likelihood between 1 and 5),
      impact integer not null check (impact between 1 and 5),
      note text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index risk_assessment_risk on risk_assessment (risk_id, assessed_on)`.execute(db)

  await sql`
    create table resource_quarter (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      quarter_start date not null,
      programme_budget numeric(14, 2) not null check (programme_budget >= 0),
      programme_spend numeric(14, 2) not null check (programme_spend >= 0),
      agency_spend numeric(14, 2) not null check (agency_spend >= 0),
      team_fte_funded numeric(6, 1) not null check (team_fte_funded >= 0),
      team_fte_in_post numeric(6, 1) not null check (team_fte_in_post >= 0),
      note text not null default '',
      updated_by integer references app_user (id) on delete set null,
      updated_at timestamptz not null default now(),
      unique (organisation_id, quarter_start)
    )`.execute(db)

  await sql`
    create table council_partner (
      council_id integer not null references organisation (id) on delete cascade,
      partner_id integer not null references organisation (id) on delete cascade,
      sector text not null check (sector in ('health', 'police', 'education', 'justice', 'voluntary', 'other')),
      created_at timestamptz not null default now(),
      primary key (council_id, partner_id)
    )`.execute(db)
  // Partner organisations that already have people at a council become that council's partners.
  await sql`
    insert into council_partner (council_id, partner_id, sector)
    select distinct m.organisation_id, u.employer_organisation_id, 'other'
    from membership m join app_user u on u.id = m.user_id join organisation p on p.id = u.employer_organisation_id
    where p.kind = 'partner'`.execute(db)
  await sql`alter table contact add column partner_organisation_id integer references organisation (id) on delete set null`.execute(
    db,
  )
  await sql`alter table partner_request add column meeting_id integer references board_meeting (id) on delete set null`.execute(
    db,
  )
  await sql`alter table partner_request add column attachment_name text`.execute(db)
  await sql`alter table partner_request add column attachment_type text`.execute(db)
  await sql`alter table partner_request add column attachment bytea`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['attachment', 'attachment_type', 'attachment_name', 'meeting_id'])
    await sql`alter table partner_request drop column ${sql.ref(column)}`.execute(db)
  await sql`alter table contact drop column partner_organisation_id`.execute(db)
  for (const table of [
    'council_partner',
    'resource_quarter',
    'risk_assessment',
    'risk',
    'board_action',
    'board_agenda_item',
    'board_attendance',
    'board_member',
    'board',
  ]) {
    await sql`drop table ${sql.table(table)}`.execute(db)
  }
  await sql`alter table board_decision drop column report_id`.execute(db)
  await sql`alter table board_meeting drop column minutes`.execute(db)
  await sql`alter table membership drop constraint membership_oversight_post`.execute(db)
  await sql`alter table membership drop column granted_by`.execute(db)
  await sql`alter table membership drop column oversight_post`.execute(db)
  await sql`alter table app_user drop column service_admin`.execute(db)
}
