// Every form's server side. Each works without JavaScript (accept: 'form').
import { register, verifyEmail, resendVerificationEmail, signIn, requestLink, useSignInLink, signOut } from './auth.ts';

export const server = {
  register,
  verifyEmail,
  resendVerificationEmail,
  signIn,
  requestLink,
  useSignInLink,
  signOut,
};
