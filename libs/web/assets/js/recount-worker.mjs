// The recount's Web Worker: runs the tally engine (libs/tally, bundled as tally.js) off the page's thread, so the page
// stays responsive and shows the engine's progress while it counts. One message in — { id, bytes, rule, topUpPercent }
// — then { id, progress } as the engine goes and { id, outcome, ms } at the end (recount() never throws: a file that
// does not read or a rule that cannot run is an outcome with ok: false).
import { recount } from './tally.js';

self.addEventListener('message', (event) => {
  const { id, bytes, rule, topUpPercent } = event.data;
  const started = performance.now();
  const outcome = recount({ bytes, rule, topUpPercent }, (progress) => self.postMessage({ id, progress }));
  self.postMessage({ id, outcome, ms: performance.now() - started });
});
