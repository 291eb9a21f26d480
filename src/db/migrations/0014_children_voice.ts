// Children's and young people's voice: a council's themes, feedback items by theme and source, and "you said,
// we did" actions, with the objectives each theme and action is linked to. No child's name or date of birth is
// ever stored: a summary says what children said, not who said it.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table voice_theme (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      title text not null,
      description text not null default '',
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create unique index voice_theme_title on voice_theme (organisation_id, lower(title))`.execute(db)
  await sql`
    create table voice_feedback (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      theme_id integer not null references voice_theme (id) on delete restrict,
      heard_on date not null,
      source text not null check (source in ('advocacy-app', 'children-in-care-council', 'participation-event',
        'complaint', 'survey', 'other')),
      summary text not null,
      tone text not null check (tone in ('positive', 'mixed', 'negative')),
      children_count integer check (children_count is null or children_count >= 1),
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`.execute(db)
  await sql`create index voice_feedback_council on voice_feedback (organisation_id, heard_on)`.execute(db)
  await sql`create index voice_feedback_theme on voice_feedback (theme_id, heard_on)`.execute(db)
  await sql`
    create table voice_action (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      theme_id integer not null references voice_theme (id) on delete restrict,
      you_said text not null,
      we_did text not null,
      status text not null check (status in ('planned', 'in-progress', 'done')),
      done_on date,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((status = 'done') = (done_on is not null))
    )`.execute(db)
  await sql`create index voice_action_council on voice_action (organisation_id, theme_id)`.execute(db)
  await sql`
    create table voice_action_objective (
      action_id integer not null references voice_action (id) on delete cascade,
      objective_id integer not null references objective (id) on delete cascade,
      primary key (action_id, objective_id)
    )`.execute(db)
  await sql`
    create table voice_theme_objective (
      organisation_id integer not null references organisation (id) on delete cascade,
      theme_id integer not null references voice_theme (id) on delete cascade,
      objective_id integer not null references objective (id) on delete cascade,
      created_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      primary key (theme_id, objective_id)
    )`.execute(db)
  await sql`create index voice_theme_objective_council on voice_theme_objective (organisation_id)`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists voice_theme_objective`.execute(db)
  await sql`drop table if exists voice_action_objective`.execute(db)
  await sql`drop table if exists voice_action`.execute(db)
  await sql`drop table if exists voice_feedback`.execute(db)
  await sql`drop table if exists voice_theme`.execute(db)
}
