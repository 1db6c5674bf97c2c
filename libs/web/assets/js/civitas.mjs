// Progressive enhancement for every page: GOV.UK Frontend's components (password reveal, character count, error
// summary focus, the mobile menu). Every page works without this file.
import { initAll } from './govuk-frontend.js';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
