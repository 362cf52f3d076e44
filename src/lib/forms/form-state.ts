// Turns an action's result into what a form shows: errors per field, a message for the
// whole form, the HTTP status, and which field should take focus.

export interface ActionErrorLike {
  message: string;
  code?: string;
  fields?: Record<string, string[] | undefined>;
}

export interface FormState {
  fieldErrors: Record<string, string>;
  formError: string | undefined;
  status: number;
  /** The first field, in form order, that has an error. */
  focus: string | undefined;
}

const STATUS: Record<string, number> = { TOO_MANY_REQUESTS: 429, UNAUTHORIZED: 401, PAYMENT_REQUIRED: 402, FORBIDDEN: 403, BAD_REQUEST: 400, NOT_FOUND: 404, CONFLICT: 409, CONTENT_TOO_LARGE: 413, INTERNAL_SERVER_ERROR: 500, SERVICE_UNAVAILABLE: 503 };

/** The HTTP status that fits an action error's code. */
export function actionErrorStatus(code: string | undefined): number {
  return STATUS[code ?? ''] ?? 400;
}

export function formState(error: ActionErrorLike | undefined, fieldOrder: readonly string[]): FormState {
  if (!error) return { fieldErrors: {}, formError: undefined, status: 200, focus: undefined };
  const fieldErrors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(error.fields ?? {})) {
    if (messages?.[0]) fieldErrors[name] = messages[0];
  }
  const shown = Object.keys(fieldErrors).filter((f) => fieldOrder.includes(f));
  const hidden = Object.keys(fieldErrors).filter((f) => !fieldOrder.includes(f));
  const hasFields = Object.keys(fieldErrors).length > 0;
  // A problem with a field the reader cannot see (a hidden one) is told in the form message.
  const formError = hidden.length > 0
    ? `The form could not be sent as it was (${hidden.map((f) => `${f}: ${fieldErrors[f]}`).join('; ')}). Please reload the page and try again.`
    : shown.length > 0 ? 'Please correct the fields marked below.' : error.message;
  return {
    fieldErrors,
    formError,
    status: hasFields ? 400 : actionErrorStatus(error.code),
    focus: fieldOrder.find((f) => fieldErrors[f]),
  };
}

/** What the reader typed, to put back in the form; passwords are never echoed. */
export async function submittedValues(request: Request): Promise<Record<string, string>> {
  if (request.method !== 'POST') return {};
  try {
    const data = await request.clone().formData();
    const values: Record<string, string> = {};
    for (const [key, value] of data) {
      if (typeof value === 'string' && !/password/i.test(key)) values[key] = value.slice(0, 1000);
    }
    return values;
  } catch {
    return {};
  }
}
