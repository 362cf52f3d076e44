// The properties the hostile-actions test checks for one action: every generated request gets
// a clear refusal (or, where the form has nothing to refuse, an answer that is no 5xx and
// leaks nothing). A failure names the request, the answer and fast-check's seed.
import fc from 'fast-check';
import { disguisedForms, noiseForm, refusedForm, type ActionSpec, type FormEntries } from './action-forms.ts';
import { unclearRefusal, unsafeAnswer } from './clear-answer.ts';
import { bodyKind, freshClientAddress, send, type BodyKind, type HostileAnswer } from './hostile-requests.ts';

export const RUNS = Number(process.env.HOSTILE_RUNS ?? 40);

export interface Target {
  /** Where the form goes: /_actions/<name> or <page>?_action=<name>. */
  url: string;
  how: 'rpc' | 'page';
  origin: string;
  cookie?: string | undefined;
}

function describe(form: FormEntries, body: BodyKind, answer: HostileAnswer): string {
  const shown = JSON.stringify(form, (_k, v: unknown) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length} chars)` : v));
  return `${body} ${shown}\n→ ${answer.status} ${answer.location ?? ''} ${answer.text.slice(0, 400)}`;
}

/** Forms that must be refused, in any encoding: each answer is a clear 4xx. */
export async function assertRefusesAll(spec: ActionSpec, target: Target, bodies = bodyKind): Promise<void> {
  await fc.assert(
    fc.asyncProperty(refusedForm(spec), bodies, async (form, body) => {
      const answer = await send({ ...target, clientAddress: freshClientAddress(), body, form });
      const problem = unclearRefusal(answer, target.how);
      if (problem) throw new Error(`${target.url}: ${problem}\n${describe(form, body, answer)}`);
    }),
    { numRuns: RUNS, examples: disguisedForms(spec).map((form): [FormEntries, BodyKind] => [form, 'urlencoded']) },
  );
}

/** Forms of stray noise to an action with nothing to refuse: no 5xx, nothing leaked. */
export async function assertSurvivesNoise(spec: ActionSpec, target: Target): Promise<void> {
  await fc.assert(
    fc.asyncProperty(noiseForm(spec), bodyKind, async (form, body) => {
      const answer = await send({ ...target, clientAddress: freshClientAddress(), body, form });
      const problem = unsafeAnswer(answer);
      if (problem) throw new Error(`${target.url}: ${problem}\n${describe(form, body, answer)}`);
    }),
    { numRuns: RUNS },
  );
}

/** Any form posted from another site, in a form encoding: Astro's origin check refuses it. */
export async function assertRefusesCrossSite(spec: ActionSpec, target: Target): Promise<void> {
  const formBodies = fc.constantFrom<BodyKind>('urlencoded', 'multipart', 'text-plain', 'bad-percent-encoding');
  const origins = fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1:1');
  await fc.assert(
    fc.asyncProperty(fc.oneof(refusedForm(spec), noiseForm(spec)), formBodies, origins, async (form, body, origin) => {
      const answer = await send({ ...target, origin, clientAddress: freshClientAddress(), body, form });
      const problem = answer.status === 403 ? unclearRefusal(answer, 'cross-site') : `status ${answer.status}`;
      if (problem) throw new Error(`${target.url} from ${origin}: ${problem}\n${describe(form, body, answer)}`);
    }),
    { numRuns: Math.ceil(RUNS / 3) },
  );
}
