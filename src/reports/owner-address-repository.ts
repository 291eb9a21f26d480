// Where to write to the owner of a partner request: a person with an account (still active), or one of the
// council's contacts without one.
import type { DbOrTx } from '../db/connect.js'

export interface OwnerAddress {
  /** Set for a person with an account: their mail choices apply and they can follow a link to sign in. */
  userId: number | null
  name: string
  email: string
}

export async function findOwnerAddress(
  db: DbOrTx,
  organisationId: number,
  owner: { owner_user_id: number | null; owner_contact_id: number | null },
): Promise<OwnerAddress | undefined> {
  if (owner.owner_user_id !== null) {
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'email', 'display_name'])
      .where('id', '=', owner.owner_user_id)
      .where('active', '=', true)
      .executeTakeFirst()
    return user ? { userId: user.id, name: user.display_name, email: user.email } : undefined
  }
  if (owner.owner_contact_id !== null) {
    const contact = await db
      .selectFrom('contact')
      .select(['email', 'name'])
      .where('id', '=', owner.owner_contact_id)
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst()
    return contact ? { userId: null, name: contact.name, email: contact.email } : undefined
  }
  return undefined
}
