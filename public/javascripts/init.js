// Progressive enhancement only: every page works without this.
import { initAll } from '/javascripts/govuk-frontend.min.js'
initAll()
