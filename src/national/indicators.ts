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
  /** Most figures are for years ending 31 March; the workforce census is taken on 30 September. */
  periodEnd?: 'september'
}

export const NATIONAL_INDICATORS: NationalIndicator[] = [
  {
    id: 'rereferrals',
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
    title: 'Children in need on 31 March',
    description: 'Episodes of need open on 31 March.',
    unit: 'count',
    decimals: 0,
    polarity: 'neutral',
    dataset: 'b1-children-in-need',
  },
  {
    id: 'repeat-cpp',
    title: 'Repeat child protection plans',
    description: 'Child protection plans started in the year that were a second or later plan for the child.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'd3-repeat-plans',
  },
  {
    id: 'cla-rate',
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
    title: 'Children in the population',
    description: "DfE's estimate of the number of children aged under 18, used for rates per 10,000.",
    unit: 'count',
    decimals: 0,
    polarity: 'neutral',
    dataset: 'cla-numbers',
  },
  {
    id: 'placement-moves',
    title: 'Children looked after with 3 or more placements in the year',
    description: 'Children looked after on 31 March who had three or more placements during the year.',
    unit: 'percent',
    decimals: 0,
    polarity: 'lower',
    dataset: 'cla-placement-stability',
  },
  {
    id: 'placement-long-term',
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
    title: 'Care leavers aged 17 to 18 in suitable accommodation',
    description: 'Care leavers aged 17 or 18 whose accommodation was considered suitable.',
    unit: 'percent',
    decimals: 0,
    polarity: 'higher',
    dataset: 'care-leavers-accommodation',
  },
  {
    id: 'care-leavers-suitable-19-21',
    title: 'Care leavers aged 19 to 21 in suitable accommodation',
    description: 'Care leavers aged 19 to 21 whose accommodation was considered suitable.',
    unit: 'percent',
    decimals: 0,
    polarity: 'higher',
    dataset: 'care-leavers-accommodation',
  },
  {
    id: 'sw-turnover',
    title: 'Social worker turnover',
    description: 'Children and family social workers (FTE) who left in the year, as a share of those in post.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
    periodEnd: 'september',
  },
  {
    id: 'sw-agency',
    title: 'Agency social worker rate',
    description: 'Agency social workers (FTE) as a share of all social workers in post and agency workers.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
    periodEnd: 'september',
  },
  {
    id: 'sw-vacancy',
    title: 'Social worker vacancy rate',
    description: 'Vacant social worker posts (FTE) as a share of vacancies and posts filled.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
    periodEnd: 'september',
  },
  {
    id: 'sw-caseload',
    title: 'Average social worker caseload',
    description: 'Cases held per case-holding social worker (FTE) on 30 September.',
    unit: 'ratio',
    unitNote: 'cases per social worker',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
    periodEnd: 'september',
  },
  {
    id: 'sw-absence',
    title: 'Social worker sickness absence',
    description: 'Working days lost to sickness as a share of working days available.',
    unit: 'percent',
    decimals: 1,
    polarity: 'lower',
    dataset: 'csww-workforce',
    periodEnd: 'september',
  },
]

export const INDICATORS_BY_ID = new Map(NATIONAL_INDICATORS.map((i) => [i.id, i]))

/** Indicators a person compares councils on (the population and raw count are inputs, shown on their own pages). */
export const BENCHMARK_INDICATORS = NATIONAL_INDICATORS.filter((i) => !['child-population', 'cin-count'].includes(i.id))
