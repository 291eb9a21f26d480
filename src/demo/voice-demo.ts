// Children's and young people's voice in the demo. Northfield (fictional) hears from its children over the nine
// months before the day the demo is loaded: five themes, twenty feedback items from several sources, and six
// "you said, we did" actions, some done, linked to objectives of its live plan (src/demo/northfield-live.ts).
// Every summary and action is invented for the demo; none names a child or holds a date of birth. The tones are
// set so that the themes point different ways: "Knowing my social worker" improves (negative early, positive
// lately), "Contact with family" worsens, "Leaving care" is mixed.
// Bradford gets one theme from its plan's strand 6 (voice and influence), with one item and one action drawn
// from the public documents: the Commissioner's review (January 2022) found the interim Children and Young
// People's Plan shaped by what children said they wanted, and the participation contract went to Mind of My
// Own in November 2022 (the dates are the demo plan's). No Bradford child's words are invented.
import type { Tx } from '../db/connect.js'
import type { VoiceActionStatus, VoiceSource, VoiceTone } from '../db/database.js'
import { addDays } from '../shared/calendar.js'
import type { DemoContext } from './demo-context.js'

interface DemoTheme {
  key: string
  title: string
  description: string
  /** Titles of the live plan's objectives the theme is evidence for. */
  objectives: string[]
}

interface DemoFeedback {
  theme: string
  /** Days before the demo's day. */
  daysAgo: number
  source: VoiceSource
  tone: VoiceTone
  summary: string
  children?: number
}

interface DemoAction {
  theme: string
  youSaid: string
  weDid: string
  status: VoiceActionStatus
  /** Days before the demo's day it was done (done only). */
  doneDaysAgo?: number
  /** Days before the demo's day it was recorded. */
  recordedDaysAgo: number
  objectives: string[]
}

const VOICES = 'Hear children’s voices in visits and reviews'
const WORKFORCE = 'Build a stable permanent workforce'
const CARE_LEAVERS = 'Stay in touch with care leavers and help them into homes and work'
const PLANS = 'Make child protection plans lead to change'

export const NORTHFIELD_THEMES: DemoTheme[] = [
  {
    key: 'worker',
    title: 'Knowing my social worker',
    description: 'Having the same social worker for a long time, and them getting to know you.',
    objectives: [WORKFORCE, VOICES],
  },
  {
    key: 'listened',
    title: 'Being listened to',
    description: 'Being asked what you think about your plans, and it making a difference.',
    objectives: [VOICES, PLANS],
  },
  {
    key: 'family',
    title: 'Contact with family',
    description: 'Seeing and talking to the people who matter to you.',
    objectives: [VOICES],
  },
  {
    key: 'home',
    title: 'Where I live',
    description: 'Feeling safe and settled in your home.',
    objectives: [],
  },
  {
    key: 'leaving',
    title: 'Leaving care',
    description: 'Getting ready to live on your own, with help when you need it.',
    objectives: [CARE_LEAVERS],
  },
]

export const NORTHFIELD_FEEDBACK: DemoFeedback[] = [
  {
    theme: 'worker',
    daysAgo: 262,
    source: 'children-in-care-council',
    tone: 'negative',
    summary:
      'Young people on the Children in Care Council said they had had three or more social workers in a year and had to repeat their story each time.',
    children: 9,
  },
  {
    theme: 'worker',
    daysAgo: 231,
    source: 'advocacy-app',
    tone: 'negative',
    summary: 'A young person said they did not know who their social worker was after the last one left.',
  },
  {
    theme: 'worker',
    daysAgo: 190,
    source: 'survey',
    tone: 'mixed',
    summary: 'Most children knew their social worker’s name; fewer knew how to contact them.',
    children: 41,
  },
  {
    theme: 'worker',
    daysAgo: 150,
    source: 'advocacy-app',
    tone: 'positive',
    summary: 'A child said their new social worker came to meet them with the old one, which helped.',
  },
  {
    theme: 'worker',
    daysAgo: 96,
    source: 'participation-event',
    tone: 'positive',
    summary: 'Young people liked the new contact cards and said they used the phone number.',
    children: 14,
  },
  {
    theme: 'worker',
    daysAgo: 41,
    source: 'children-in-care-council',
    tone: 'positive',
    summary:
      'Young people on the Children in Care Council said their social workers had stayed the same since the spring.',
    children: 8,
  },
  {
    theme: 'worker',
    daysAgo: 12,
    source: 'advocacy-app',
    tone: 'mixed',
    summary: 'A young person said their social worker was good but visits were often moved at short notice.',
  },
  {
    theme: 'listened',
    daysAgo: 244,
    source: 'complaint',
    tone: 'negative',
    summary: 'A young person said decisions at their review were made without asking them.',
  },
  {
    theme: 'listened',
    daysAgo: 170,
    source: 'participation-event',
    tone: 'mixed',
    summary: 'Children said reviews felt like meetings for adults, though some had been asked for their views first.',
    children: 22,
  },
  {
    theme: 'listened',
    daysAgo: 77,
    source: 'advocacy-app',
    tone: 'positive',
    summary: 'A child said they chaired the start of their own review and felt it was about them.',
  },
  {
    theme: 'listened',
    daysAgo: 20,
    source: 'survey',
    tone: 'positive',
    summary: 'More children said they were asked what they thought before their plan was changed.',
    children: 37,
  },
  {
    theme: 'family',
    daysAgo: 205,
    source: 'children-in-care-council',
    tone: 'mixed',
    summary:
      'Young people on the Children in Care Council said family time was usually arranged but often in places that did not feel relaxed.',
    children: 7,
  },
  {
    theme: 'family',
    daysAgo: 120,
    source: 'advocacy-app',
    tone: 'negative',
    summary: 'A young person said they had not seen their brother for months since moving to a new home.',
  },
  {
    theme: 'family',
    daysAgo: 64,
    source: 'complaint',
    tone: 'negative',
    summary: 'A young person complained that phone calls with family were cancelled without notice.',
  },
  {
    theme: 'family',
    daysAgo: 27,
    source: 'participation-event',
    tone: 'negative',
    summary: 'Children said it was hard to keep in touch with brothers and sisters living in other homes.',
    children: 11,
  },
  {
    theme: 'home',
    daysAgo: 180,
    source: 'survey',
    tone: 'positive',
    summary: 'Most children said they felt safe where they lived and liked their carers.',
    children: 41,
  },
  {
    theme: 'home',
    daysAgo: 55,
    source: 'advocacy-app',
    tone: 'negative',
    summary: 'A child said they moved home at short notice and did not know anything about their new carers.',
  },
  {
    theme: 'leaving',
    daysAgo: 220,
    source: 'other',
    tone: 'negative',
    summary: 'Care leavers at a housing meeting said they did not know where to go for help after 18.',
    children: 6,
  },
  {
    theme: 'leaving',
    daysAgo: 85,
    source: 'participation-event',
    tone: 'positive',
    summary: 'Care leavers said the new drop-in was easy to get to and staff were friendly.',
    children: 10,
  },
  {
    theme: 'leaving',
    daysAgo: 9,
    source: 'advocacy-app',
    tone: 'mixed',
    summary: 'A care leaver said the drop-in helped with money but finding a flat was still slow.',
  },
]

export const NORTHFIELD_ACTIONS: DemoAction[] = [
  {
    theme: 'worker',
    youSaid: 'We don’t know how to get in touch with our social worker.',
    weDid: 'Every child in care now has a card with their social worker’s photo and phone number.',
    status: 'done',
    doneDaysAgo: 120,
    recordedDaysAgo: 225,
    objectives: [VOICES],
  },
  {
    theme: 'worker',
    youSaid: 'When our social worker changes, we have to tell our story again.',
    weDid: 'When a social worker changes, the old and the new one now come to meet you together.',
    status: 'done',
    doneDaysAgo: 160,
    recordedDaysAgo: 255,
    objectives: [WORKFORCE],
  },
  {
    theme: 'listened',
    youSaid: 'Our reviews feel like meetings for adults.',
    weDid: 'You can chair the start of your own review, or send your views through the app before it.',
    status: 'in-progress',
    recordedDaysAgo: 160,
    objectives: [VOICES, PLANS],
  },
  {
    theme: 'family',
    youSaid: 'It is hard to see our brothers and sisters when we live in different homes.',
    weDid: 'We will plan time with brothers and sisters in every care plan, and check it happens.',
    status: 'planned',
    recordedDaysAgo: 20,
    objectives: [VOICES],
  },
  {
    theme: 'home',
    youSaid: 'Moving home at short notice is scary.',
    weDid: 'Before you move, we will tell you about your new carers and show you photos, unless it is an emergency.',
    status: 'in-progress',
    recordedDaysAgo: 45,
    objectives: [],
  },
  {
    theme: 'leaving',
    youSaid: 'We don’t know where to go for help after 18.',
    weDid: 'A drop-in for care leavers opened, with a worker there every weekday.',
    status: 'done',
    doneDaysAgo: 100,
    recordedDaysAgo: 210,
    objectives: [CARE_LEAVERS],
  },
]

/** A moment on a day, at noon UTC. */
const at = (day: string) => new Date(`${day}T12:00:00Z`)

export async function seedVoiceDemo(trx: Tx, demo: DemoContext): Promise<void> {
  await seedBradfordVoice(trx, demo)
  await seedNorthfieldVoice(trx, demo)
}

async function seedNorthfieldVoice(trx: Tx, demo: DemoContext): Promise<void> {
  const { northfield, today } = demo
  const objectiveRows = await trx
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['objective.id', 'objective.title'])
    .where('strand.plan_id', '=', northfield.planId)
    .execute()
  const objectiveId = (title: string) => {
    const found = objectiveRows.find((o) => o.title === title)
    if (!found) throw new Error(`The Northfield demo has no objective “${title}”`)
    return found.id
  }
  const started = addDays(today, -270)
  const themeIds = new Map<string, number>()
  for (const theme of NORTHFIELD_THEMES) {
    const { id } = await trx
      .insertInto('voice_theme')
      .values({
        organisation_id: northfield.organisationId,
        title: theme.title,
        description: theme.description,
        created_by: northfield.userId,
        created_at: at(started),
        updated_at: at(started),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    themeIds.set(theme.key, id)
    if (theme.objectives.length)
      await trx
        .insertInto('voice_theme_objective')
        .values(
          theme.objectives.map((title) => ({
            organisation_id: northfield.organisationId,
            theme_id: id,
            objective_id: objectiveId(title),
            created_by: northfield.userId,
            created_at: at(started),
          })),
        )
        .execute()
  }
  await trx
    .insertInto('voice_feedback')
    .values(
      NORTHFIELD_FEEDBACK.map((f) => {
        const heard = addDays(today, -f.daysAgo)
        const recorded = f.daysAgo >= 3 ? addDays(heard, 3) : today
        return {
          organisation_id: northfield.organisationId,
          theme_id: themeIds.get(f.theme)!,
          heard_on: heard,
          source: f.source,
          summary: f.summary,
          tone: f.tone,
          children_count: f.children ?? null,
          created_by: northfield.userId,
          created_at: at(recorded),
          updated_at: at(recorded),
        }
      }),
    )
    .execute()
  for (const a of NORTHFIELD_ACTIONS) {
    const recorded = addDays(today, -a.recordedDaysAgo)
    const { id } = await trx
      .insertInto('voice_action')
      .values({
        organisation_id: northfield.organisationId,
        theme_id: themeIds.get(a.theme)!,
        you_said: a.youSaid,
        we_did: a.weDid,
        status: a.status,
        done_on: a.doneDaysAgo === undefined ? null : addDays(today, -a.doneDaysAgo),
        created_by: northfield.userId,
        created_at: at(recorded),
        updated_at: at(recorded),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (a.objectives.length)
      await trx
        .insertInto('voice_action_objective')
        .values(a.objectives.map((title) => ({ action_id: id, objective_id: objectiveId(title) })))
        .execute()
  }
}

async function seedBradfordVoice(trx: Tx, demo: DemoContext): Promise<void> {
  const { bradford } = demo
  const objective = await trx
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select('objective.id')
    .where('strand.plan_id', '=', bradford.planId)
    .where('objective.title', '=', 'Digital participation for children')
    .executeTakeFirstOrThrow()
  const { id: themeId } = await trx
    .insertInto('voice_theme')
    .values({
      organisation_id: bradford.organisationId,
      title: 'Having a say',
      description: 'Telling us what you think about your life and your plans, and us listening.',
      created_by: bradford.userId,
      created_at: at('2022-04-01'),
      updated_at: at('2022-04-01'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('voice_theme_objective')
    .values({
      organisation_id: bradford.organisationId,
      theme_id: themeId,
      objective_id: objective.id,
      created_by: bradford.userId,
      created_at: at('2022-04-01'),
    })
    .execute()
  await trx
    .insertInto('voice_feedback')
    .values({
      organisation_id: bradford.organisationId,
      theme_id: themeId,
      heard_on: '2022-01-31',
      source: 'other',
      summary:
        'The Commissioner’s review found the interim plan for children and young people (2021/22) was shaped by what they had said they wanted.',
      tone: 'positive',
      children_count: null,
      created_by: bradford.userId,
      created_at: at('2022-04-01'),
      updated_at: at('2022-04-01'),
    })
    .execute()
  const { id: actionId } = await trx
    .insertInto('voice_action')
    .values({
      organisation_id: bradford.organisationId,
      theme_id: themeId,
      you_said: 'Children and young people should have more say in how the service gets better.',
      we_did:
        'We chose a provider for participation work: the Mind of My Own app, so you can tell your worker what you think at any time.',
      status: 'done',
      done_on: '2022-11-18',
      created_by: bradford.userId,
      created_at: at('2022-04-01'),
      updated_at: at('2022-11-18'),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await trx.insertInto('voice_action_objective').values({ action_id: actionId, objective_id: objective.id }).execute()
}
