/**
 * Every email the product sends, each with a plain-text and an HTML part. English only for now: accounts have no
 * language of their own yet (sites do), and a template set per language slots in here when they get one.
 */
export type EmailTemplateName =
  'invitation' | 'password_reset' | 'email_verification' | 'signup_existing' | 'password_changed';

export interface RenderedEmail {
  template: EmailTemplateName;
  subject: string;
  text: string;
  html: string;
}

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One layout: a heading, paragraphs, an optional button, and a closing line; the text part says the same. */
function compose(
  template: EmailTemplateName,
  subject: string,
  parts: { paragraphs: string[]; action?: { label: string; url: string }; footer: string },
): RenderedEmail {
  const text = [
    ...parts.paragraphs,
    ...(parts.action ? [`${parts.action.label}: ${parts.action.url}`] : []),
    parts.footer,
    '— igny8',
  ].join('\n\n');
  const p = (s: string) => `<p style="margin:0 0 16px;line-height:1.5">${escape(s)}</p>`;
  const button = parts.action
    ? `<p style="margin:24px 0"><a href="${escape(parts.action.url)}" style="background:#228be6;color:#fff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${escape(parts.action.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this link: <a href="${escape(parts.action.url)}">${escape(parts.action.url)}</a></p>`
    : '';
  const html = `<!doctype html><html><body style="font-family:Arial,Helvetica,sans-serif;color:#222;max-width:560px;margin:0 auto;padding:24px">
<h2 style="margin:0 0 16px">${escape(subject)}</h2>
${parts.paragraphs.map(p).join('\n')}
${button}
<p style="margin:24px 0 0;font-size:13px;color:#777">${escape(parts.footer)}</p>
</body></html>`;
  return { template, subject, text, html };
}

export function invitationEmail(v: {
  accountName: string;
  inviterName: string;
  role: string;
  url: string;
  days: number;
}): RenderedEmail {
  return compose('invitation', `You are invited to ${v.accountName} on igny8`, {
    paragraphs: [`${v.inviterName} invited you to join ${v.accountName} on igny8 as ${v.role}.`],
    action: { label: 'Accept the invitation', url: v.url },
    footer: `The link works once and expires in ${v.days} days. If you did not expect this, ignore this email.`,
  });
}

export function passwordResetEmail(v: { name: string; url: string; minutes: number }): RenderedEmail {
  return compose('password_reset', 'Reset your igny8 password', {
    paragraphs: [
      `Hello ${v.name},`,
      'Someone asked to reset the password of your igny8 user. If it was you, choose a new password here.',
    ],
    action: { label: 'Choose a new password', url: v.url },
    footer: `The link works once and expires in ${v.minutes} minutes; using it signs you out everywhere. If you did not ask for it, ignore this email: your password stays as it is.`,
  });
}

export function emailVerificationEmail(v: { name: string; url: string; hours: number }): RenderedEmail {
  return compose('email_verification', 'Confirm your email for igny8', {
    paragraphs: [`Hello ${v.name},`, 'Confirm that this is your email address to finish creating your igny8 account.'],
    action: { label: 'Confirm my email', url: v.url },
    footer: `The link works once and expires in ${v.hours} hours. If you did not sign up, ignore this email.`,
  });
}

/** Sign-up with an email that already has a user: told to its owner, never to whoever typed it. */
export function signupExistingEmail(v: { loginUrl: string; resetUrl: string }): RenderedEmail {
  return compose('signup_existing', 'Someone tried to sign up to igny8 with your email', {
    paragraphs: [
      'Someone (maybe you) tried to create a new igny8 account with this email address, which already has an igny8 user.',
      `Sign in at ${v.loginUrl}, or reset your password at ${v.resetUrl} if you forgot it.`,
    ],
    footer: 'If it was not you, you can ignore this email: nothing was changed.',
  });
}

export function passwordChangedEmail(v: { name: string; how: 'changed' | 'reset' }): RenderedEmail {
  return compose('password_changed', 'Your igny8 password was changed', {
    paragraphs: [
      `Hello ${v.name},`,
      v.how === 'reset'
        ? 'The password of your igny8 user was reset with a link sent to this address, and every session was signed out.'
        : 'The password of your igny8 user was changed, and your other sessions were signed out.',
    ],
    footer: 'If this was not you, reset your password now and tell your account administrator.',
  });
}
