// The national indicators Turnaround ships, and how each is read from DfE's published release files.
// Descriptions are our own summaries; the figures are DfE's, under the Open Government Licence.
import type { Unit } from '../shared/units.js'
import type { Polarity } from '../shared/polarity.js'

export interface NationalIndicator {
  id: string
  title: string
  /** What the figure means, in a sentence. */
  description: string
  unit: Unit
  /** Shown after a value where the unit alone does not say it, e.g. "per 10,000 children". */
  unitNote?: string
  decimals: number
  polarity: Polarity
  dataset: string
  /** Rates Turnaround computes itself (from published counts) rather than reads. */
  computed?: boolean
  /**
   * What date a year's figure describes: a count on a day (children looked after on 31 March, social
   * workers at 30 September) or the year up to it (referrals in the year to 31 March). DfE names a year by
   * the year it ends in: 2025 is the year to 31 March 2025, or the census of 30 September 2025.
   */
  reference: { on: 'march' | 'september'; span: 'day' | 'year' }
}

const YEAR_TO_MARCH = { on: 'march', span: 'year' } as const
const ON_31_MARCH = { on: 'march', span: 'day' } as const
const YEAR_TO_SEPTEMBER = { on: 'september', span: 'year' } as const
const AT_30_SEPTEMBER = { on: 'september', span: 'day' } as const

export const NATIONAL_INDICATORS: NationalIndicator[] = [
  {
    id: 'rereferrals',
    reference: YEAR_TO_MARCH,
    title: 'Re-referrals within 12 months',
    description:
      'Referrals in the year that came within 12 months of a previous referral, as a share of all referrals.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'c1-referrals',
  },
  {
    id: 'cin-rate',
    reference: ON_31_MARCH,
    title: 'Children in need rate',
    description:
      'Children in need on 31 March per 10,000 children. Computed by Turnaround from the published count and the DfE population estimate (available from 2021).',
    unit: 'ratio',
    unitNote: 'per 10,000 children',
    decimals: 1,
    polarity: 'neutral',
    dataset: 'b1-children-in-need',
    computed: true,
  },
  {
    id: 'cin-count',
    reference: ON_31_MARCH,
    title: 'Children in need on 31 March',
    description: 'Episodes of need open on 31 March.',
    unit: 'count',
    decimals: 0,
    polarity: 'neutral',
    dataset: 'b1-children-in-need',
  },
  {
    id: 'repeat-cpp',
    reference: YEAR_TO_MARCH,
    title: 'Repeat child protection plans',
    description: 'Child protection plans started in the year that were a second or later plan for the child.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'd3-repeat-plans',
  },
  {
    id: 'cla-rate',
    reference: ON_31_MARCH,
    title: 'Children looked after rate',
    description: 'Children looked after on 31 March per 10,000 children.',
    unit: 'ratio',
    unitNote: 'per 10,000 children',
    decimals: 0,
    polarity: 'neutral',
    dataset: 'cla-numbers',
  },
  {
    id: 'child-population',
    reference: YEAR_TO_MARCH,
    title: 'Children in the population',
    description: "DfE's estimate of the number of children aged under 18, used for rates per 10,000.",
    unit: 'count',
    decimals: 0,
    polarity: 'neutral',
    dataset: 'cla-numbers',
  },
  {
    id: 'placement-moves',
    reference: YEAR_TO_MARCH,
    title: 'Children looked after with 3 or more placements in the year',
    description: 'Children looked after on 31 March who had three or more placements during the year.',
    unit: 'percent',
    decimals: 0,
    polarity: 'lower',
    dataset: 'cla-placement-stability',
  },
  {
    id: 'placement-long-term',
    reference: ON_31_MARCH,
    title: 'Long-term placement stability',
    description:
      'Children under 16 looked after for at least two and a half years who had lived with the same carer for at least two years.',
    unit: 'percent',
    decimals: 0,
    polarity: 'higher',
    dataset: 'cla-placement-stability',
  },
  {
    id: 'care-leavers-suitable-17-18',
    reference: YEAR_TO_MARCH,
    title: 'Care leavers aged 17 to 18 in suitable accommodation',
    description: 'Care leavers aged 17 or 18 whose accommodation was considered suitable.',
    unit: 'percent',
    decimals: 0,
    polarity: 'higher',
    dataset: 'care-leavers-accommodation',
  },
  {
    id: 'care-leavers-suitable-19-21',
    reference: YEAR_TO_MARCH,
    title: 'Care leavers aged 19 to 21 in suitable accommodation',
    description: 'Care leavers aged 19 to 21 whose accommodation was considered suitable.',
    unit: 'percent',
    decimals: 0,
    polarity: 'higher',
    dataset: 'care-leavers-accommodation',
  },
  {
    id: 'sw-turnover',
    reference: YEAR_TO_SEPTEMBER,
    title: 'Social worker turnover',
    description: 'Children and family social workers (FTE) who left in the year, as a share of those in post.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
  },
  {
    id: 'sw-agency',
    reference: AT_30_SEPTEMBER,
    title: 'Agency social worker rate',
    description: 'Agency social workers (FTE) as a share of all social workers in post and agency workers.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
  },
  {
    id: 'sw-vacancy',
    reference: AT_30_SEPTEMBER,
    title: 'Social worker vacancy rate',
    description: 'Vacant social worker posts (FTE) as a share of vacancies and posts filled.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
  },
  {
    id: 'sw-caseload',
    reference: AT_30_SEPTEMBER,
    title: 'Average social worker caseload',
    description: 'Cases held per case-holding social worker (FTE) on 30 September.',
    unit: 'ratio',
    unitNote: 'cases per social worker',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
  },
  {
    id: 'sw-absence',
    reference: YEAR_TO_SEPTEMBER,
    title: 'Social worker sickness absence',
    description: 'Working days lost to sickness as a share of working days available.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
  },
]

export const INDICATORS_BY_ID = new Map(NATIONAL_INDICATORS.map((i) => [i.id, i]))

/** Indicators a person compares councils on (the population and raw count are inputs, shown on their own pages). */
export const BENCHMARK_INDICATORS = NATIONAL_INDICATORS.filter((i) => !['child-population', 'cin-count'].includes(i.id))
