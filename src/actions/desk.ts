// The desk's one command: an admin changes someone's role.
import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { ROLES } from '../../db/schema/index.ts';
import { emailField } from '../lib/auth/form-schemas.ts';
import { canManageRoles } from '../lib/desk/desk-access.ts';
import { authDeps } from '../server/auth/request-context.ts';
import { changeRole } from '../server/desk/roles.ts';
import { asAction, requireSignedIn } from './errors.ts';

export const changeUserRole = defineAction({
  accept: 'form',
  input: z.object({
    email: emailField,
    role: z.enum(ROLES, { error: `Choose one of: ${ROLES.join(', ')}.` }),
  }),
  handler: (input, ctx) => asAction(async () => {
    const actor = requireSignedIn(ctx.locals.user);
    if (!canManageRoles(actor.role)) throw new ActionError({ code: 'FORBIDDEN', message: 'Only admins can change people’s roles.' });
    const { db, now } = await authDeps();
    const result = await changeRole(db, actor, input.email, input.role, now);
    switch (result.kind) {
      case 'unknown-email':
        throw new ActionError({ code: 'NOT_FOUND', message: `No account uses ${input.email}.` });
      case 'own-role':
        throw new ActionError({ code: 'CONFLICT', message: 'You cannot change your own role. Ask another admin.' });
      default:
        return { email: result.user.email, role: result.user.role, changed: result.kind === 'changed' };
    }
  }),
});
