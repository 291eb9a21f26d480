// The forms of leadership stability: a senior post (with its first holder status when added) and a change of
// holder. What parsing cannot check (dates against the post's other periods and its own dates) is in the pure
// checks below, used by the routes, so that periods never overlap: a new period must start after the one in
// force, and so ends it.
import { z } from 'zod'
import { HOLDER_STATUSES, LEADERSHIP_TIERS } from '../db/database.js'
import { dateInput, optionalText, requiredText } from '../web/forms.js'
import { formatDate } from '../shared/dates.js'

const tier = z.enum(LEADERSHIP_TIERS, { error: 'Choose the tier of the post' })
const status = z.enum(HOLDER_STATUSES, { error: 'Choose how the post is held' })

export const postSchema = z.object({
  title: requiredText('the title of the post', 200),
  tier,
  createdOn: dateInput('the date the post was created', { required: false }),
  deletedOn: dateInput('the date the post was removed', { required: false }),
})

export const newPostSchema = postSchema.extend({
  status,
  startsOn: dateInput('the date it has been held this way from', { required: true }),
  note: optionalText('the note', 1000),
})

export const changeSchema = z.object({
  status,
  startsOn: dateInput('the date of the change', { required: true }),
  note: optionalText('the note', 1000),
})

export const POST_DATE_FIELDS = ['createdOn', 'deletedOn'] as const
export const NEW_POST_DATE_FIELDS = ['createdOn', 'deletedOn', 'startsOn'] as const

/** A problem with one field, found after parsing. */
export interface FieldProblem {
  field: string
  text: string
}

/**
 * A post's own dates against its holder periods (their first and last start, when it has any): it must be
 * created on or before its first period and removed after its last, and removed after it was created.
 */
export function checkPostDates(
  dates: { createdOn: string | null; deletedOn: string | null },
  periods: { first: string; last: string } | null,
): FieldProblem[] {
  const problems: FieldProblem[] = []
  const { createdOn, deletedOn } = dates
  if (createdOn && periods && createdOn > periods.first)
    problems.push({
      field: 'createdOn',
      text: `The date the post was created must be on or before its first holder period, ${formatDate(periods.first)}`,
    })
  if (deletedOn && createdOn && deletedOn <= createdOn)
    problems.push({ field: 'deletedOn', text: 'The date the post was removed must be after the date it was created' })
  else if (deletedOn && periods && deletedOn <= periods.last)
    problems.push({
      field: 'deletedOn',
      text: `The date the post was removed must be after its latest holder period began, ${formatDate(periods.last)}`,
    })
  return problems
}

/**
 * The start of a new holder period: after the start of the latest (so periods never overlap and the new one
 * ends it), not in the future, and while the post exists. Null when it is fine.
 */
export function checkChangeDate(
  startsOn: string,
  post: { created_on: string | null; deleted_on: string | null },
  latestStart: string | null,
  today: string,
): string | null {
  if (startsOn > today) return 'The date of the change must be today or in the past'
  if (latestStart !== null && startsOn <= latestStart)
    return `The date of the change must be after ${formatDate(latestStart)}, when the period in force began: periods cannot overlap`
  if (post.created_on !== null && startsOn < post.created_on)
    return `The date of the change must be on or after the day the post was created, ${formatDate(post.created_on)}`
  if (post.deleted_on !== null && startsOn >= post.deleted_on)
    return `The post was removed on ${formatDate(post.deleted_on)}: a change must be before that`
  return null
}
