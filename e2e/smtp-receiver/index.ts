// SMTP receiver for tests (vitest and Playwright). NEVER import from product code.
export { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from './server';
export { smtpReceiverClient, spawnSmtpReceiver, type SmtpReceiverClient, type SmtpReceiverProcess } from './client';
