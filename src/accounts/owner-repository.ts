// The queries behind owners (see owners.ts): everyone who can own something in a council, and the check
// that an owner belongs to it, which every change that sets an owner makes in its own transaction.
import type { DbOrTx } from '../db/connect.js'
import { OwnerNotInCouncilError, type Owner, type OwnerChoices } from './owners.js'

/** The council's members by name, with their role there, and its contacts by name. */
export async function loadOwnerChoices(db: DbOrTx, organisationId: number): Promise<OwnerChoices> {
  const [people, contacts] = await Promise.all([
    db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .leftJoin('organisation as employer', 'employer.id', 'app_user.employer_organisation_id')
      .select([
        'app_user.id',
        'app_user.display_name',
        'app_user.active',
        'membership.role',
        'employer.id as employer_id',
        'employer.name as employer_name',
      ])
      .where('membership.organisation_id', '=', organisationId)
      .orderBy('app_user.display_name')
      .orderBy('app_user.id')
      .execute(),
    db
      .selectFrom('contact')
      .select(['id', 'name', 'employer', 'role', 'email'])
      .where('organisation_id', '=', organisationId)
      .orderBy('name')
      .orderBy('id')
      .execute(),
  ])
  return {
    people: people.map((p) => ({
      id: p.id,
      name: p.display_name,
      role: p.role,
      organisation: p.employer_id !== null && p.employer_id !== organisationId ? (p.employer_name ?? '') : '',
      active: p.active,
    })),
    contacts,
  }
}

/**
 * Why this owner cannot own something in the council, or undefined when they can: a person must be a
 * member of the council, a contact one of its contacts.
 */
export async function ownerProblem(db: DbOrTx, organisationId: number, owner: Owner): Promise<string | undefined> {
  if (owner.kind === 'user') {
    const member = await db
      .selectFrom('membership')
      .select('id')
      .where('user_id', '=', owner.userId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst()
    return member ? undefined : 'That person does not have access to this council. Choose someone from the list'
  }
  if (owner.kind === 'contact') {
    const contact = await db
      .selectFrom('contact')
      .select('id')
      .where('id', '=', owner.contactId)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst()
    return contact ? undefined : 'That contact is not one of this council’s contacts. Choose someone from the list'
  }
  return undefined
}

/** For repositories: throws OwnerNotInCouncilError (nothing is saved) unless the owner is of the council. */
export async function assertOwnerInCouncil(db: DbOrTx, organisationId: number, owner: Owner): Promise<void> {
  const problem = await ownerProblem(db, organisationId, owner)
  if (problem) throw new OwnerNotInCouncilError(problem)
}
