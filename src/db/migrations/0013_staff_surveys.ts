// Staff surveys: rounds, questions, aggregated results per question, and staff reference group notes.
// Only aggregated counts per response option are stored, never an individual's answers. A question belongs
// to the council's question bank so it can be followed across rounds; questions link to plan objectives as
// evidence of impact. Uploaded results wait in staff_survey_import until they are confirmed or cancelled.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table staff_survey_round (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      closed_on date not null,
      audience text not null,
      invited integer not null check (invited > 0),
      responded integer not null check (responded >= 0 and responded <= invited),
      note text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (organisation_id, closed_on, audience)
    )`.execute(db)
  await sql`
    create table staff_survey_question (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      code text,
      text text not null,
      created_at timestamptz not null default now()
    )`.execute(db)
  await sql`create unique index staff_survey_question_code on staff_survey_question (organisation_id, lower(code))
    where code is not null`.execute(db)
  await sql`create unique index staff_survey_question_text on staff_survey_question (organisation_id, lower(text))`.execute(
    db,
  )
  await sql`
    create table staff_survey_result (
      round_id integer not null references staff_survey_round (id) on delete cascade,
      question_id integer not null references staff_survey_question (id) on delete cascade,
      strongly_agree integer not null check (strongly_agree >= 0),
      agree integer not null check (agree >= 0),
      neither integer not null check (neither >= 0),
      disagree integer not null check (disagree >= 0),
      strongly_disagree integer not null check (strongly_disagree >= 0),
      updated_at timestamptz not null default now(),
      primary key (round_id, question_id)
    )`.execute(db)
  await sql`create index staff_survey_result_question on staff_survey_result (question_id)`.execute(db)
  await sql`
    create table staff_survey_question_objective (
      organisation_id integer not null references organisation (id) on delete cascade,
      question_id integer not null references staff_survey_question (id) on delete cascade,
      objective_id integer not null references objective (id) on delete cascade,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (question_id, objective_id)
    )`.execute(db)
  await sql`create index staff_survey_question_objective_council on staff_survey_question_objective (organisation_id)`.execute(
    db,
  )
  await sql`
    create table staff_survey_import (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      round_id integer not null references staff_survey_round (id) on delete cascade,
      filename text not null,
      rows jsonb not null,
      uploaded_by integer references app_user (id) on delete set null,
      status text not null default 'pending' check (status in ('pending', 'applied', 'discarded')),
      created_at timestamptz not null default now(),
      applied_at timestamptz
    )`.execute(db)
  await sql`
    create table staff_reference_note (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      held_on date not null,
      themes jsonb not null default '[]',
      summary text not null,
      response text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index staff_reference_note_council on staff_reference_note (organisation_id, held_on)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists staff_reference_note`.execute(db)
  await sql`drop table if exists staff_survey_import`.execute(db)
  await sql`drop table if exists staff_survey_question_objective`.execute(db)
  await sql`drop table if exists staff_survey_result`.execute(db)
  await sql`drop table if exists staff_survey_question`.execute(db)
  await sql`drop table if exists staff_survey_round`.execute(db)
}
