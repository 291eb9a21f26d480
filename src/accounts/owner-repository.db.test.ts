// The owners' queries: a council's choices (its members and contacts, no one else's), the check that refuses
// another council's person or contact, and today's free-text owners kept through migration 0010 as role
// labels that read "Unassigned (was: ...)".
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { Migrator, type Migration } from 'kysely/migration'
import type { DatabaseHandle } from '../db/connect.js'
import { migrations } from '../db/migrations/index.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { assertOwnerInCouncil, loadOwnerChoices, ownerProblem } from './owner-repository.js'
import { describeOwner, leadOf, ownerOf, OwnerNotInCouncilError } from './owners.js'

for (const kind of testDatabaseKinds()) {
  describe(`owners' queries on ${kind.name}`, () => {
    let database: DatabaseHandle
    let here: number
    let there: number
    const people: Record<string, number> = {}
    const contacts: Record<string, number> = {}

    before(async () => {
      database = await kind.open()
      const db = database.db
      const org = async (slug: string, kind: 'council' | 'partner') =>
        (
          await db
            .insertInto('organisation')
            .values({ slug, name: `${slug} name`, kind })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      here = await org('here', 'council')
      there = await org('there', 'council')
      const agency = await org('agency', 'partner')
      const person = async (name: string, employer: number | null, active = true) =>
        (
          await db
            .insertInto('app_user')
            .values({
              email: `${name.toLowerCase().replace(/ /g, '.')}@x.example`,
              display_name: name,
              password_hash: 'x',
              employer_organisation_id: employer,
              active,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      people.zoe = await person('Zoe Ash', here)
      people.abe = await person('Abe Bell', agency, false)
      people.outsider = await person('Otto Out', there)
      await db
        .insertInto('membership')
        .values([
          { user_id: people.zoe, organisation_id: here, role: 'strand-lead' },
          { user_id: people.abe, organisation_id: here, role: 'partner' },
          { user_id: people.outsider, organisation_id: there, role: 'admin' },
        ])
        .execute()
      const contact = async (organisation: number, name: string, employer: string) =>
        (
          await db
            .insertInto('contact')
            .values({ organisation_id: organisation, name, employer, role: 'Head teacher', email: `${name}@c.example` })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      contacts.ours = await contact(here, 'Cal Dee', 'Hill School')
      contacts.theirs = await contact(there, 'Dot Eve', '')
    })
    after(() => database.close())

    it('loads the council’s members by name with their role, and its contacts, and nobody else', async () => {
      const choices = await loadOwnerChoices(database.db, here)
      assert.deepEqual(choices.people, [
        { id: people.abe, name: 'Abe Bell', role: 'partner', organisation: 'agency name', active: false },
        { id: people.zoe, name: 'Zoe Ash', role: 'strand-lead', organisation: '', active: true },
      ])
      assert.deepEqual(
        choices.contacts.map((c) => [c.id, c.name, c.employer]),
        [[contacts.ours, 'Cal Dee', 'Hill School']],
      )
      assert.equal(
        describeOwner({ kind: 'user', userId: people.outsider! }, 'Head of Service', choices),
        'Unassigned (was: Head of Service)',
      )
    })

    it('refuses another council’s person or contact with a clear reason, and accepts its own', async () => {
      const db = database.db
      assert.equal(await ownerProblem(db, here, { kind: 'user', userId: people.zoe! }), undefined)
      assert.equal(await ownerProblem(db, here, { kind: 'contact', contactId: contacts.ours! }), undefined)
      assert.equal(await ownerProblem(db, here, { kind: 'none' }), undefined)
      assert.equal(
        await ownerProblem(db, here, { kind: 'user', userId: people.outsider! }),
        'That person does not have access to this council. Choose someone from the list',
      )
      assert.equal(
        await ownerProblem(db, here, { kind: 'contact', contactId: contacts.theirs! }),
        'That contact is not one of this council’s contacts. Choose someone from the list',
      )
      assert.equal(
        await ownerProblem(db, here, { kind: 'user', userId: 999999 }),
        'That person does not have access to this council. Choose someone from the list',
      )
      await assert.rejects(
        assertOwnerInCouncil(db, there, { kind: 'contact', contactId: contacts.ours! }),
        OwnerNotInCouncilError,
      )
      await assertOwnerInCouncil(db, there, { kind: 'contact', contactId: contacts.theirs! })
    })

    it('keeps free-text owners through migration 0010 as role labels, shown as "Unassigned (was: ...)"', async () => {
      const db = database.db
      const migrator = new Migrator({
        db,
        provider: { getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve(migrations) },
        ...(database.schema ? { migrationTableSchema: database.schema } : {}),
      })
      // Back to just before 0010 (the migrations after it come down first).
      const down = await migrator.migrateTo('0009_board_papers')
      assert.equal(down.error, undefined)
      assert.deepEqual(down.results?.map((r) => [r.migrationName, r.status]).at(-1), [
        '0010_people_and_rounds',
        'Success',
      ])
      // The data as it stood before owners were people: owners as job titles only.
      await sql`insert into plan (organisation_id, title, starts_on) values (${here}, 'Plan', '2023-01-01')`.execute(db)
      await sql`insert into strand (plan_id, code, half, title, lead_title, position)
        select id, '1', 'A', 'Front door', 'Assistant Director, Early Help', 1 from plan where organisation_id = ${here}`.execute(
        db,
      )
      await sql`insert into objective (strand_id, title, position) select id, 'Fewer re-referrals', 1 from strand`.execute(
        db,
      )
      await sql`insert into milestone (objective_id, title, owner, due_on, status, position)
        select id, 'Audit re-referrals', 'Head of Service', '2023-03-31', 'on-track', 1 from objective`.execute(db)
      await sql`insert into measure (organisation_id, code, name, unit, polarity, frequency, owner)
        values (${here}, 'M1', 'Re-referrals', 'percent', 'lower', 'monthly', 'Head of Performance')`.execute(db)

      const up = await migrator.migrateToLatest()
      assert.equal(up.error, undefined)
      const choices = await loadOwnerChoices(db, here)
      const strand = await db.selectFrom('strand').selectAll().executeTakeFirstOrThrow()
      const objective = await db.selectFrom('objective').selectAll().executeTakeFirstOrThrow()
      const milestone = await db.selectFrom('milestone').selectAll().executeTakeFirstOrThrow()
      const measure = await db.selectFrom('measure').selectAll().executeTakeFirstOrThrow()
      assert.equal(
        describeOwner(leadOf(strand), strand.lead_title, choices),
        'Unassigned (was: Assistant Director, Early Help)',
      )
      assert.equal(describeOwner(ownerOf(objective), objective.owner, choices), 'Unassigned')
      assert.equal(describeOwner(ownerOf(milestone), milestone.owner, choices), 'Unassigned (was: Head of Service)')
      assert.equal(describeOwner(ownerOf(measure), measure.owner, choices), 'Unassigned (was: Head of Performance)')
      // A row can never name both a person and a contact.
      await assert.rejects(
        db.updateTable('milestone').set({ owner_user_id: people.zoe!, owner_contact_id: contacts.ours! }).execute(),
      )
    })
  })
}
