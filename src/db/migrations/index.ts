// Numbered migrations, listed statically so they work from src/ and dist/ alike.
import type { Migration } from 'kysely/migration'
import * as m0001 from './0001_accounts.js'
import * as m0002 from './0002_plan.js'
import * as m0003 from './0003_audit.js'
import * as m0004 from './0004_measures.js'
import * as m0005 from './0005_reports.js'
import * as m0006 from './0006_national.js'
import * as m0007 from './0007_measure_definitions.js'
import * as m0008 from './0008_plan_history_and_evidence.js'
import * as m0009 from './0009_board_papers.js'
import * as m0010 from './0010_people_and_rounds.js'
import * as m0011 from './0011_oversight.js'
import * as m0012 from './0012_board_and_partners.js'
import * as m0013 from './0013_staff_surveys.js'
import * as m0014 from './0014_children_voice.js'
import * as m0015 from './0015_case_file_audits.js'
import * as m0016 from './0016_practice_standards.js'
import * as m0017 from './0017_leadership_stability.js'
import * as m0018 from './0018_council_invitations.js'
import * as m0019 from './0019_sign_in_throttle.js'
import * as m0020 from './0020_case_insensitive_codes.js'
import * as m0021 from './0021_pdf_cache.js'
import * as m0022 from './0022_report_files.js'
import * as m0023 from './0023_derived_stamps.js'
import * as m0024 from './0024_attempt_limits.js'

export const migrations: Record<string, Migration> = {
  '0001_accounts': m0001,
  '0002_plan': m0002,
  '0003_audit': m0003,
  '0004_measures': m0004,
  '0005_reports': m0005,
  '0006_national': m0006,
  '0007_measure_definitions': m0007,
  '0008_plan_history_and_evidence': m0008,
  '0009_board_papers': m0009,
  '0010_people_and_rounds': m0010,
  '0011_oversight': m0011,
  '0012_board_and_partners': m0012,
  '0013_staff_surveys': m0013,
  '0014_children_voice': m0014,
  '0015_case_file_audits': m0015,
  '0016_practice_standards': m0016,
  '0017_leadership_stability': m0017,
  '0018_council_invitations': m0018,
  '0019_sign_in_throttle': m0019,
  '0020_case_insensitive_codes': m0020,
  '0021_pdf_cache': m0021,
  '0022_report_files': m0022,
  '0023_derived_stamps': m0023,
  '0024_attempt_limits': m0024,
}
