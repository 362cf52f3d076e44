// Every form's server side. Each works without JavaScript (accept: 'form').
import { unlock } from './paywall.ts';
import { changeUserRole } from './desk.ts';
import { joinClub, buyCredits, manageBilling } from './billing.ts';
import { endSession, endOtherSessions, deleteMyAccount } from './account.ts';
import { requestPasswordReset, resetPassword, changePassword, requestEmailChange, confirmEmailChange } from './credentials.ts';
import { register, verifyEmail, resendVerificationEmail, resendConfirmation, signIn, requestLink, useSignInLink, signOut } from './auth.ts';

export const server = {
  register,
  verifyEmail,
  resendVerificationEmail,
  resendConfirmation,
  signIn,
  requestLink,
  useSignInLink,
  signOut,
  endSession,
  endOtherSessions,
  deleteMyAccount,
  unlock,
  joinClub,
  buyCredits,
  manageBilling,
  requestPasswordReset,
  resetPassword,
  changePassword,
  requestEmailChange,
  confirmEmailChange,
  changeUserRole,
};
