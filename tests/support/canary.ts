// Sentences planted in the locked parts of the fixture stories. If any of them appears in
// anything a reader without access receives, the paywall leaks.
export const CANARY_KEY_INSIGHT = 'Canary insight: the heron ledger of Quillmoor counts seventeen silver kites.';
export const CANARY_EXECUTIVE_ACTION = 'Canary action: instruct the Quillmoor treasury to audit every amber turbine.';
export const CANARIES = [CANARY_KEY_INSIGHT, CANARY_EXECUTIVE_ACTION] as const;
/** A word only the locked parts of the canary story contain. */
export const LOCKED_ONLY_WORD = 'Quillmoor';
/** A word only the free body of the canary story contains. */
export const BODY_ONLY_WORD = 'Brisvander';
