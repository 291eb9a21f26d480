// An invitation to join a council for a person who already has an account (in another council). Adding a
// person by email must reveal nothing about an existing account, and must not attach it to a council it never
// agreed to join: the person accepts (or declines) after signing in, and only then becomes a member.
// display_name is the name the inviting administrator typed, shown on their list until the person accepts;
// employer_organisation_id, for a partner's person, is the partner they will be recorded as working for.
import { sql, type Kysely } from 'kysely'

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table council_invitation (
      id serial primary key,
      organisation_id integer not null references organisation (id) on delete cascade,
      user_id integer not null references app_user (id) on delete cascade,
      display_name text not null,
      role text not null,
      employer_organisation_id integer references organisation (id) on delete cascade,
      invited_by integer references app_user (id) on delete set null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      accepted_at timestamptz,
      declined_at timestamptz,
      check (accepted_at is null or declined_at is null)
    )`.execute(db)
  await sql`create index council_invitation_user on council_invitation (user_id) where accepted_at is null and declined_at is null`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table council_invitation`.execute(db)
}
