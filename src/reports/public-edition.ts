// The public edition of a published report: what scrutiny councillors and the public may read without
// signing in. It leaves out every part marked OFFICIAL-SENSITIVE, the partner contributions (partners'
// shortfalls and answers are discussed with them, not published), and people's names (including the owners of
// the Board's actions and of risks).
import type { ReportContent } from './report-snapshot.js'
import { CONTRIBUTION_LINE } from './report-compare.js'

const notAboutPartners = (line: string) => !Object.values(CONTRIBUTION_LINE).some((start) => line.startsWith(start))

export function publicEdition(content: ReportContent): ReportContent {
  const sensitive = new Set(content.sensitive)
  const withheld = (part: string, text: string) => (sensitive.has(part) ? '' : text)
  const nameless = <T extends { override: { by: string | null } | null }>(status: T): T =>
    status.override ? { ...status, override: { ...status.override, by: null } } : status
  return {
    ...content,
    cover: content.cover ? { ...content.cover, approvedBy: null } : null,
    narrative: {
      summary: withheld('summary', content.narrative.summary),
      recommendations: withheld('recommendations', content.narrative.recommendations),
      decisions: withheld('decisions', content.narrative.decisions),
      decisionsFollowUp: withheld('decisionsFollowUp', content.narrative.decisionsFollowUp),
    },
    changesSinceLast:
      content.changesSinceLast.kind === 'compared'
        ? {
            ...content.changesSinceLast,
            slowNew: content.changesSinceLast.slowNew.filter(notAboutPartners),
            slowCleared: content.changesSinceLast.slowCleared.filter(notAboutPartners),
            // Last time's decisions may have been sensitive then; the public edition does not repeat them.
            decisionsAsked: '',
          }
        : content.changesSinceLast,
    strands: content.strands.map((s) => ({
      ...s,
      status: nameless(s.status),
      commentary: withheld(`strand-${s.id}`, s.commentary),
      impact: withheld(`strand-${s.id}`, s.impact),
      // A withheld commentary is not replaced by the draft from the figures either.
      draftCommentary: sensitive.has(`strand-${s.id}`) ? '' : s.draftCommentary,
      objectives: s.objectives.map((o) => ({
        ...o,
        status: nameless(o.status),
        updates: o.updates.map((u) => ({ ...u, author: null })),
      })),
    })),
    slowToProgress: { ...content.slowToProgress, contributionsToStrengthen: [] },
    contributionsReceived: content.contributionsReceived === null ? null : [],
    // Owners of actions and risks may be named people: the public edition keeps the items, not the names.
    board: content.board
      ? {
          ...content.board,
          actions: content.board.actions.map((a) => ({ ...a, owner: '' })),
          decisions: content.board.decisions.map((d) => ({
            ...d,
            actions: d.actions.map((a) => ({ ...a, owner: '' })),
          })),
        }
      : null,
    risks: content.risks ? { ...content.risks, items: content.risks.items.map((r) => ({ ...r, owner: '' })) } : null,
  }
}
