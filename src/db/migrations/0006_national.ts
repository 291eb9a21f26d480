import { sql, type Kysely } from 'kysely'

// Official national statistics (DfE) and Ofsted judgements, shared by every council. Not owned by any
// organisation: the same rows serve every council's benchmarks.
export async function up(db: Kysely<unknown>): Promise<void> {
  // England, a region or a local authority. Local authorities are keyed by DfE's 3-digit code ("380"),
  // which the statistical-neighbour model uses; regions and England by their ONS code.
  await sql`
    create table national_area (
      code text primary key,
      level text not null check (level in ('national', 'regional', 'local authority')),
      name text not null,
      ons_code text,
      region_code text
    )`.execute(db)
  // One published figure: the value as published, with numerator and denominator where the release has
  // them. A suppressed or unavailable figure keeps its marker (c, x, z, low, ...) and has no value.
  await sql`
    create table national_value (
      indicator text not null,
      area_code text not null references national_area (code),
      year integer not null,
      value double precision,
      numerator double precision,
      denominator double precision,
      suppression text,
      release_id integer not null,
      primary key (indicator, area_code, year),
      check ((value is null) = (suppression is not null))
    )`.execute(db)
  await sql`create index national_value_indicator_year_idx on national_value (indicator, year)`.execute(db)
  // Every file loaded, by whom, and what it did.
  await sql`
    create table national_release (
      id serial primary key,
      dataset text not null,
      file_name text not null,
      sha256 text not null,
      loaded_by integer references app_user (id) on delete set null,
      loaded_at timestamptz not null default now(),
      rows_read integer not null,
      values_added integer not null,
      values_changed integer not null,
      values_unchanged integer not null
    )`.execute(db)
  // A published figure that a later release changed: the earlier figure is kept here, never lost.
  await sql`
    create table national_value_change (
      id serial primary key,
      indicator text not null,
      area_code text not null,
      year integer not null,
      old_value double precision,
      old_suppression text,
      new_value double precision,
      new_suppression text,
      release_id integer not null references national_release (id)
    )`.execute(db)
  // DfE's statistical-neighbour model: ten neighbours per council, nearest first.
  await sql`
    create table statistical_neighbour (
      area_code text not null references national_area (code),
      rank integer not null check (rank between 1 and 10),
      neighbour_code text not null references national_area (code),
      closeness text not null,
      primary key (area_code, rank)
    )`.execute(db)
  // Ofsted inspections of local authority children's services (ILACS), with the judgements.
  await sql`
    create table ofsted_inspection (
      id serial primary key,
      area_code text not null references national_area (code),
      kind text not null,
      started_on date not null,
      published_on date,
      overall text,
      leaders text,
      help_and_protection text,
      in_care text,
      care_leavers text,
      theme text,
      source text not null,
      unique (area_code, started_on, kind)
    )`.execute(db)
  // Which local authority a council is, and which national indicator a success measure is.
  // No foreign key: a council may be set up before the national data is loaded.
  await sql`alter table organisation add column la_code text`.execute(db)
  await sql`alter table measure add column national_indicator text`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table measure drop column national_indicator`.execute(db)
  await sql`alter table organisation drop column la_code`.execute(db)
  for (const t of [
    'ofsted_inspection',
    'statistical_neighbour',
    'national_value_change',
    'national_release',
    'national_value',
    'national_area',
  ]) {
    await sql`drop table ${sql.table(t)}`.execute(db)
  }
}
